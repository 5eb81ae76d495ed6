using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Emits an embedding lookup on an INT8 table with one scale per row. Only the gathered rows are dequantized:
/// <code>
/// rows_q  = Gather(T_q, indices, axis = 0)        (T_q int8 [V, D])
/// rows    = Cast(rows_q, to = FLOAT)
/// scales  = Gather(T_scale, indices, axis = 0)    (T_scale float [V, 1], so the gathered scales broadcast over D)
/// y       = Mul(rows, scales)
/// </code>
/// A per-axis DequantizeLinear cannot express this: after the gather the row scales vary along every index axis.
/// </summary>
internal static class GatherEmitter
{
    /// <summary>Appends the nodes replacing <paramref name="gather"/>.</summary>
    public static void Emit(NodeProto gather, QuantizedWeightNames table, NameScope names, List<NodeProto> emit)
    {
        string indices = gather.Input[1];
        string output = gather.Output[0];
        string nodeName = string.IsNullOrEmpty(gather.Name) ? output : gather.Name;
        string rows = names.Fresh(output + "_int8");
        string rowsFloat = names.Fresh(output + "_int8_float");
        string scales = names.Fresh(output + "_scale");
        emit.Add(NodeFactory.Node("Gather", names.Fresh(nodeName + "/GatherInt8"), [table.Values, indices], [rows], NodeFactory.IntAttribute("axis", 0)));
        emit.Add(NodeFactory.CastToFloat(names.Fresh(nodeName + "/Cast"), rows, rowsFloat));
        emit.Add(NodeFactory.Node("Gather", names.Fresh(nodeName + "/GatherScale"), [table.Scales, indices], [scales], NodeFactory.IntAttribute("axis", 0)));
        emit.Add(NodeFactory.Node("Mul", names.Fresh(nodeName + "/Rescale"), [rowsFloat, scales], [output]));
    }
}
