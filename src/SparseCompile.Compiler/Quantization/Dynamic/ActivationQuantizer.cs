using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>The three outputs of DynamicQuantizeLinear for one float activation.</summary>
/// <param name="Values">The uint8 activation.</param>
/// <param name="Scale">Its scalar float scale.</param>
/// <param name="ZeroPoint">Its scalar uint8 zero point.</param>
internal readonly record struct QuantizedActivation(string Values, string Scale, string ZeroPoint);

/// <summary>
/// Quantizes each float activation once: the first quantized MatMul that reads it gets a DynamicQuantizeLinear
/// inserted before it, and later readers (the Q, K and V projections of one input) share its outputs.
/// </summary>
internal sealed class ActivationQuantizer(NameScope names)
{
    private readonly Dictionary<string, QuantizedActivation> quantized = new(StringComparer.Ordinal);

    /// <summary>The quantized form of <paramref name="activation"/>; on first use the DynamicQuantizeLinear node is added to <paramref name="emit"/>.</summary>
    public QuantizedActivation For(string activation, List<NodeProto> emit)
    {
        if (quantized.TryGetValue(activation, out var known))
        {
            return known;
        }

        var result = new QuantizedActivation(
            names.Fresh(activation + "_quantized"), names.Fresh(activation + "_scale"), names.Fresh(activation + "_zero_point"));
        emit.Add(NodeFactory.Node("DynamicQuantizeLinear", names.Fresh(activation + "/DynamicQuantizeLinear"),
            [activation], [result.Values, result.Scale, result.ZeroPoint]));
        quantized[activation] = result;
        return result;
    }
}
