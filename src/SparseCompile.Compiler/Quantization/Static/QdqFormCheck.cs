using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Checks the rewritten graph has the form ONNX Runtime fuses: every quantized node reads its activations through
/// DequantizeLinear, a weighted node reads an INT8 weight (and INT32 bias) initializer through DequantizeLinear, and a
/// node whose output was quantized feeds exactly one QuantizeLinear and nothing else.
/// </summary>
internal static class QdqFormCheck
{
    /// <summary>Throws SC3911 naming the first node out of form.</summary>
    public static void Ensure(OnnxGraph graph, StaticPlan plan, string? filePath)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var candidate in plan.Kept.Where(k => !plan.AbsorbedRelus.Contains(k.Node)))
        {
            var node = candidate.Node;
            foreach (int slot in candidate.Activations)
            {
                if (!IsDequantize(graph.Producer(node.Input[slot])))
                {
                    Fail(node, $"its input {slot} '{node.Input[slot]}' is not read through DequantizeLinear", filePath);
                }
            }

            if (candidate.Role == StaticRole.Weighted)
            {
                ExpectConstant(graph, node, 1, DataType.Int8, filePath);
                if (candidate.Bias is not null)
                {
                    ExpectConstant(graph, node, 2, DataType.Int32, filePath);
                }
            }
        }

        foreach (string tensor in plan.Fused)
        {
            var dq = graph.Producer(tensor);
            var q = dq is null || dq.OpType != "DequantizeLinear" ? null : graph.Producer(dq.Input[0]);
            if (q is null || q.OpType != "QuantizeLinear" || graph.Producer(q.Input[0]) is null || graph.Consumers(q.Input[0]).Count != 1)
            {
                throw new SparseCompileException(StaticQuantizationDiagnosticCodes.QdqFormBroken, filePath,
                    $"internal error: after quantize-static, '{tensor}' is not produced by a node feeding exactly one QuantizeLinear → DequantizeLinear", tensor);
            }
        }
    }

    private static void ExpectConstant(OnnxGraph graph, NodeProto node, int slot, DataType type, string? filePath)
    {
        var dq = graph.Producer(node.Input[slot]);
        if (!IsDequantize(dq) || graph.FindInitializer(dq!.Input[0]) is not { } constant || constant.DataType != (int)type)
        {
            Fail(node, $"its input {slot} is not a {Onnx.Tensors.ElementTypes.Name((int)type)} initializer read through DequantizeLinear", filePath);
        }
    }

    private static bool IsDequantize(NodeProto? node) => node is not null && node.OpType == "DequantizeLinear" && NodeFactory.IsDefaultDomain(node);

    private static void Fail(NodeProto node, string problem, string? filePath)
    {
        string name = NodeFactory.Describe(node);
        throw new SparseCompileException(StaticQuantizationDiagnosticCodes.QdqFormBroken, filePath,
            $"internal error: after quantize-static, node '{name}' is out of QDQ form: {problem}", name);
    }
}
