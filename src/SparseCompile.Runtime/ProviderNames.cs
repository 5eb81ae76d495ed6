namespace SparseCompile.Runtime;

/// <summary>ONNX Runtime's names for the execution providers the runtime knows.</summary>
public static class ProviderNames
{
    /// <summary>The TensorRT execution provider.</summary>
    public const string TensorRT = "TensorrtExecutionProvider";

    /// <summary>The CUDA execution provider.</summary>
    public const string Cuda = "CUDAExecutionProvider";

    /// <summary>The CPU execution provider.</summary>
    public const string Cpu = "CPUExecutionProvider";

    /// <summary>The provider name for a single-provider target (not <see cref="ExecutionTarget.Auto"/>).</summary>
    public static string For(ExecutionTarget target) => target switch
    {
        ExecutionTarget.TensorRT => TensorRT,
        ExecutionTarget.Cuda => Cuda,
        ExecutionTarget.Cpu => Cpu,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Auto names no single provider."),
    };
}
