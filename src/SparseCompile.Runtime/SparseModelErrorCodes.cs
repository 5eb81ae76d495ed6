namespace SparseCompile.Runtime;

/// <summary>The stable codes a <see cref="SparseModelException"/> carries.</summary>
public static class SparseModelErrorCodes
{
    /// <summary>An explicitly requested execution provider is not available or failed to start.</summary>
    public const string ProviderUnavailable = "SCR001";

    /// <summary>The model could not be read from its source (missing file or resource, bad Brotli data).</summary>
    public const string SourceUnreadable = "SCR002";

    /// <summary>ONNX Runtime rejected the model on every provider tried.</summary>
    public const string ModelRejected = "SCR003";

    /// <summary>A run was called on a disposed session or with mismatched names and values.</summary>
    public const string InvalidRun = "SCR004";
}
