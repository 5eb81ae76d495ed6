using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>A FLOAT initializer the dynamic pass quantizes, and the nodes that read it.</summary>
/// <param name="Weight">The initializer.</param>
/// <param name="Kind">MatMul-like (MatMul, Gemm) or Gather.</param>
/// <param name="Nodes">The nodes that read it, in graph order; all need the same INT8 layout.</param>
/// <param name="TransposeB">For Gemm with transB = 1: the weight is stored [N, K] and is transposed to [K, N] before quantizing.</param>
/// <param name="Alpha">For Gemm: alpha, folded into the weight before quantizing (1 otherwise).</param>
public sealed record DynamicCandidate(TensorProto Weight, DynamicWeightKind Kind, IReadOnlyList<NodeProto> Nodes, bool TransposeB, float Alpha)
{
    /// <summary>The op type of the first reader (MatMul, Gemm or Gather).</summary>
    public string OpType => Nodes[0].OpType;

    /// <summary>
    /// The axis of the float weight that the scales run along: the output columns N of a MatMul/Gemm weight
    /// (axis 1 of [K, N], axis 0 of a transB [N, K]), the rows of an embedding table (axis 0).
    /// </summary>
    public int ScaleAxisOfFloatWeight => Kind == DynamicWeightKind.Gather ? 0 : TransposeB ? 0 : 1;
}
