using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>A BatchNormalization that can be folded, with everything the fold rewrites.</summary>
/// <param name="BatchNorm">The BatchNormalization node.</param>
/// <param name="Target">The Conv, Gemm or MatMul whose output only it reads.</param>
/// <param name="Weight">The target's constant weight, read by the target alone.</param>
/// <param name="ChannelAxis">The weight axis that indexes output channels (0 for Conv and Gemm with transB, 1 otherwise).</param>
/// <param name="Bias">The target's bias (Conv B, Gemm C), read by the target alone; null when it has none (always for MatMul).</param>
/// <param name="Affine">The BatchNormalization as a per-channel scale and shift.</param>
internal sealed record FoldCandidate(
    NodeProto BatchNorm,
    NodeProto Target,
    TensorProto Weight,
    int ChannelAxis,
    TensorProto? Bias,
    BatchNormAffine Affine);
