namespace SparseCompile.Build.Options;

/// <summary>The metadata names a <c>&lt;SparseModel&gt;</c> item understands, as documented in docs/build-integration.md.</summary>
internal static class ModelMetadata
{
    public const string Mask = "Mask";
    public const string Sparsity = "Sparsity";
    public const string Quantization = "Quantization";
    public const string Calibration = "Calibration";
    public const string CalibrationMethod = "CalibrationMethod";
    public const string Percentile = "Percentile";
    public const string Activations = "Activations";
    public const string EmbeddingBits = "EmbeddingBits";
    public const string ExcludeWeights = "ExcludeWeights";
    public const string MinCosine = "MinCosine";
    public const string MaxDrop = "MaxDrop";
    public const string Data = "Data";
    public const string Samples = "Samples";
    public const string Labels = "Labels";
    public const string Fallback = "Fallback";
    public const string Compress = "Compress";
    public const string Embed = "Embed";
}
