using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Emits the INT8 form of a com.microsoft Attention: its input quantized at run time by DynamicQuantizeLinear (uint8,
/// shared with other readers of the same input), the packed weight INT8 with one scale per column:
/// <code>
/// x_q, x_scale, x_zp = DynamicQuantizeLinear(x)
/// y = QAttention(x_q, W_q, bias, x_scale, W_scale, mask, x_zp)     (com.microsoft; W zero point 0)
/// </code>
/// QAttention keeps Attention's attributes and output and computes the Q/K/V projection with an integer GEMM per head.
/// </summary>
internal static class QAttentionEmitter
{
    /// <summary>Appends the nodes replacing <paramref name="attention"/>.</summary>
    public static void Emit(NodeProto attention, QuantizedWeightNames weight, ActivationQuantizer activations, NameScope names, List<NodeProto> emit)
    {
        var x = activations.For(attention.Input[0], emit);
        string mask = attention.Input.Count > 3 ? attention.Input[3] : string.Empty;
        string nodeName = string.IsNullOrEmpty(attention.Name) ? attention.Output[0] : attention.Name;
        var node = MicrosoftDomain.Node("QAttention", names.Fresh(nodeName + "/QAttention"),
            [x.Values, weight.Values, attention.Input[2], x.Scale, weight.Scales, mask, x.ZeroPoint], [attention.Output[0]]);
        node.Attribute.AddRange(attention.Attribute.Where(a => QAttentionForm.SharedAttributes.Contains(a.Name)).Select(a => a.Clone()));
        emit.Add(node);
    }
}
