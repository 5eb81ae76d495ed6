namespace SparseCompile.Onnx.IO;

/// <summary>Whether a save moves tensor data into an external file.</summary>
public enum ExternalDataMode
{
    /// <summary>Embed everything when the model fits one protobuf (2 GB); otherwise externalize large tensors.</summary>
    Auto,
    /// <summary>Externalize every tensor of at least <see cref="OnnxSaveOptions.ExternalizeThresholdBytes"/>.</summary>
    Always,
    /// <summary>Embed everything; fail with SC1031 when the model does not fit one protobuf.</summary>
    Never,
}

/// <summary>How <see cref="OnnxModel.Save(string, OnnxSaveOptions?)"/> writes a model.</summary>
public sealed record OnnxSaveOptions
{
    /// <summary>The most bytes a single protobuf message can hold.</summary>
    public const long ProtobufLimitBytes = int.MaxValue;

    /// <summary>Whether tensor data goes to an external file. Default: <see cref="ExternalDataMode.Auto"/>.</summary>
    public ExternalDataMode ExternalData { get; init; } = ExternalDataMode.Auto;

    /// <summary>The external data file's name, in the model's folder. Default: the model's file name plus <c>.data</c>.</summary>
    public string? ExternalDataFileName { get; init; }

    /// <summary>Tensors smaller than this stay embedded even when external data is used. Default 1 KiB.</summary>
    public long ExternalizeThresholdBytes { get; init; } = 1024;

    /// <summary>Every external offset is a multiple of this (64 by default, so ONNX Runtime can use the bytes in place).</summary>
    public int Alignment { get; init; } = 64;

    /// <summary>
    /// Tensors of at least <see cref="LargeTensorBytes"/> start on a multiple of this instead (64 KiB,
    /// the largest allocation granularity of the platforms ONNX Runtime maps files on).
    /// </summary>
    public int LargeTensorAlignment { get; init; } = 65536;

    /// <summary>The size from which <see cref="LargeTensorAlignment"/> applies. Default 1 MiB.</summary>
    public long LargeTensorBytes { get; init; } = 1 << 20;

    /// <summary>
    /// In <see cref="ExternalDataMode.Auto"/>, the tensor bytes above which data goes external.
    /// Default: the protobuf limit less 64 MiB kept for the graph's own structure.
    /// </summary>
    public long MaxEmbeddedTensorBytes { get; init; } = ProtobufLimitBytes - (64L << 20);
}
