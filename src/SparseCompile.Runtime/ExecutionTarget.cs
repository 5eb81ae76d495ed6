namespace SparseCompile.Runtime;

/// <summary>Which ONNX Runtime execution provider a <see cref="SparseModelSession"/> runs on.</summary>
public enum ExecutionTarget
{
    /// <summary>Try TensorRT, then CUDA, then CPU, and use the first that works.</summary>
    Auto,

    /// <summary>TensorRT only (with CUDA for the nodes TensorRT leaves); the only provider that uses 2:4 sparse weights.</summary>
    TensorRT,

    /// <summary>CUDA only.</summary>
    Cuda,

    /// <summary>The CPU provider.</summary>
    Cpu,
}
