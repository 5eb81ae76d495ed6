using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>What the static pass will do to the graph.</summary>
/// <param name="Kept">The nodes to quantize, in graph order.</param>
/// <param name="Tensors">The activations that get QuantizeLinear → DequantizeLinear, in first-seen order.</param>
/// <param name="Fused">
/// Those of <see cref="Tensors"/> produced by a quantized node (or a Relu folded into one): the producer's output goes
/// straight into the QuantizeLinear, whose DequantizeLinear takes over the tensor's name, so every reader (and a graph
/// output) reads the dequantized value and ONNX Runtime can fuse the producer with its QuantizeLinear.
/// </param>
/// <param name="AbsorbedRelus">Relus whose input is not quantized: the QuantizeLinear after them clamps at the zero point, which is the Relu.</param>
/// <param name="SameScaleAs">For the output of a <see cref="StaticRole.SameScale"/> node, the input whose scale and zero point it keeps.</param>
/// <param name="DedicatedPairs">
/// True to give every quantized reader of a tensor not produced by a quantized node its own QuantizeLinear →
/// DequantizeLinear (INT8 activations; see <see cref="StaticPlanner"/>); false to share one pair.
/// </param>
/// <param name="Skipped">Conv, MatMul and Gemm nodes left float, with the reason.</param>
internal sealed record StaticPlan(
    IReadOnlyList<StaticCandidate> Kept,
    IReadOnlyList<string> Tensors,
    IReadOnlySet<string> Fused,
    IReadOnlySet<NodeProto> AbsorbedRelus,
    IReadOnlyDictionary<string, string> SameScaleAs,
    bool DedicatedPairs,
    IReadOnlyList<StaticSkip> Skipped)
{
    /// <summary>The weighted nodes to quantize.</summary>
    public IEnumerable<StaticCandidate> Weighted => Kept.Where(k => k.Role == StaticRole.Weighted);
}
