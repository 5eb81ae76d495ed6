namespace SparseCompile.Build.Tasks;

/// <summary>Metadata <see cref="PrepareSparseModels"/> adds to each resolved item for the targets (build/SparseCompile.targets reads these names).</summary>
internal static class ResolvedMetadata
{
    /// <summary>The base name of the outputs.</summary>
    public const string OutputName = "SparseOutputName";

    /// <summary>The manifest the compile writes last; the compile target's Output.</summary>
    public const string Manifest = "SparseManifest";

    /// <summary>
    /// The files the compile target's Outputs list, ';'-separated: the manifest, the compiled model and, when compressed,
    /// its <c>.br</c> (not for a model with external data, which SC2007 leaves uncompressed). Deleting any of them recompiles.
    /// </summary>
    public const string Outputs = "SparseOutputs";

    /// <summary>The options stamp; one of the compile target's Inputs.</summary>
    public const string Stamp = "SparseStamp";

    /// <summary>The mask, calibration, data and labels files, ';'-separated; Inputs too.</summary>
    public const string InputFiles = "SparseInputFiles";

    /// <summary>The compiled model's file name to ship: <c>x.onnx</c>, or <c>x.onnx.br</c> when compressed.</summary>
    public const string ShippedName = "SparseShippedName";
}
