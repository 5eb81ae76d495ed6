namespace SparseCompile.Runtime;

/// <summary>
/// How a <see cref="SparseModelSession"/> picks and configures its execution provider. A record, so callers
/// (and generated code) can copy it with <c>with { ... }</c> and change one setting without losing the others.
/// </summary>
public sealed record SparseModelOptions
{
    /// <summary>The provider to use; <see cref="ExecutionTarget.Auto"/> (the default) falls back TensorRT → CUDA → CPU.</summary>
    public ExecutionTarget Target { get; init; } = ExecutionTarget.Auto;

    /// <summary>Threads ONNX Runtime uses inside one operator; null leaves ONNX Runtime's default.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>
    /// Where TensorRT keeps its built engines. Null: a folder under the temp path named after the model's
    /// SHA-256, so a changed model never reuses a stale engine.
    /// </summary>
    public string? EngineCacheFolder { get; init; }

    /// <summary>Whether TensorRT may use FP16 kernels (default true; sparse kernels need FP16 or INT8).</summary>
    public bool EnableFp16 { get; init; } = true;

    /// <summary>
    /// Whether the model is quantized with QuantizeLinear/DequantizeLinear pairs; turns on TensorRT's INT8 mode.
    /// Generated code passes the value from the compile manifest.
    /// </summary>
    public bool QuantizedQdq { get; init; }

    /// <summary>The GPU the TensorRT and CUDA providers use.</summary>
    public int DeviceId { get; init; }

    /// <summary>Receives one line per decision: each skipped provider and why, and the provider chosen.</summary>
    public Action<string>? Log { get; init; }
}
