using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Analysis;

/// <summary>
/// The weight inputs N:M sparsity applies to, and the reduction axis of each: MatMul B [.., K, N]
/// reduces over axis rank - 2 (rank &gt;= 2); Gemm B over axis 0, or 1 when transB = 1 (rank 2);
/// Conv W [O, C/group, k...] over axis 1, the input channels of one group (rank &gt;= 3).
/// Only operators of the default ONNX domain count.
/// </summary>
public static class WeightSlots
{
    /// <summary>The operator types that have a weight slot.</summary>
    public static IReadOnlyList<string> OpTypes { get; } = ["Conv", "Gemm", "MatMul", "MatMulInteger", "ConvInteger", "QLinearMatMul", "QLinearConv"];

    /// <summary>The input index of the weight slot of <paramref name="opType"/> (1 for all three), or null.</summary>
    public static int? WeightInputIndex(string opType) => opType switch
    {
        "MatMul" or "Gemm" or "Conv" or "MatMulInteger" or "ConvInteger" => 1,
        "QLinearMatMul" or "QLinearConv" => 3, // inputs: x, x_scale, x_zero_point, w, ...
        _ => null,
    };

    /// <summary>The name of the weight input in the ONNX operator spec (B or W), or null.</summary>
    public static string? WeightInputName(string opType) => opType switch
    {
        "MatMul" or "Gemm" or "MatMulInteger" or "QLinearMatMul" => "B",
        "Conv" or "ConvInteger" or "QLinearConv" => "W",
        _ => null,
    };

    /// <summary>
    /// The reduction axis (in [0, rank)) of input <paramref name="inputIndex"/> of <paramref name="node"/>
    /// when that input is a weight slot and a tensor of rank <paramref name="rank"/> fits it; otherwise null.
    /// </summary>
    public static int? ReductionAxis(NodeProto node, int inputIndex, int rank)
    {
        ArgumentNullException.ThrowIfNull(node);
        // ONNX Runtime's fused attention packs Q, K and V along the output axis: weight [hidden, 3 * hidden], input 1.
        if (node.Domain == "com.microsoft" && node.OpType is "Attention" or "QAttention")
        {
            return inputIndex == 1 && rank == 2 ? 0 : null;
        }

        if (node.Domain is not ("" or "ai.onnx") || inputIndex != WeightInputIndex(node.OpType))
        {
            return null;
        }

        return node.OpType switch
        {
            "MatMul" or "MatMulInteger" or "QLinearMatMul" when rank >= 2 => rank - 2,
            "Gemm" when rank == 2 => IntAttribute(node, "transB") != 0 ? 1 : 0,
            "Conv" or "ConvInteger" or "QLinearConv" when rank >= 3 => 1,
            _ => null,
        };
    }

    private static long IntAttribute(NodeProto node, string name)
    {
        foreach (var attribute in node.Attribute)
        {
            if (attribute.Name == name)
            {
                return attribute.I;
            }
        }

        return 0;
    }
}
