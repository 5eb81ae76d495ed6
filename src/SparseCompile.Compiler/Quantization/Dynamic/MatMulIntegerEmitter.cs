using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Emits the integer form of <c>y = x · W</c> that ONNX Runtime's CPU optimizer fuses (MatMulIntegerToFloatFusion,
/// then DynamicQuantizeMatMulFusion when the DynamicQuantizeLinear has no other reader):
/// <code>
/// x_q, x_scale, x_zp = DynamicQuantizeLinear(x)          (uint8, shared by every reader of x)
/// y_i32   = MatMulInteger(x_q, W_q, x_zp)                 (W_q int8 [K, N]; no W zero point: it is 0)
/// y_f32   = Cast(y_i32, to = FLOAT)
/// scale   = Mul(x_scale, W_scale)                         (W_scale float [N]: one per output column)
/// y       = Mul(y_f32, scale)
/// </code>
/// The scale product has A's scale first and B's second, the order the fused MatMulIntegerToFloat takes them in.
/// </summary>
internal static class MatMulIntegerEmitter
{
    /// <summary>Appends the nodes computing <paramref name="output"/> from float <paramref name="activation"/> and the quantized weight.</summary>
    public static void Emit(string activation, QuantizedWeightNames weight, string output, string nodeName,
        ActivationQuantizer activations, NameScope names, List<NodeProto> emit)
    {
        var x = activations.For(activation, emit);
        string integer = names.Fresh(output + "_int32");
        string asFloat = names.Fresh(output + "_int32_float");
        string scale = names.Fresh(output + "_scale");
        emit.Add(NodeFactory.Node("MatMulInteger", names.Fresh(nodeName + "/MatMulInteger"), [x.Values, weight.Values, x.ZeroPoint], [integer]));
        emit.Add(NodeFactory.CastToFloat(names.Fresh(nodeName + "/Cast"), integer, asFloat));
        emit.Add(NodeFactory.Node("Mul", names.Fresh(nodeName + "/ScaleProduct"), [x.Scale, weight.Scales], [scale]));
        emit.Add(NodeFactory.Node("Mul", names.Fresh(nodeName + "/Rescale"), [asFloat, scale], [output]));
    }
}
