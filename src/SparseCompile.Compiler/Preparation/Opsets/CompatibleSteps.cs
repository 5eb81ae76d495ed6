using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>Steps that change nothing a valid node computes, at most dropping or spelling out an attribute.</summary>
internal static class CompatibleSteps
{
    /// <summary>The new version only adds types or relaxes constraints: every node of the old version means the same.</summary>
    public static string? Compatible(UpgradeScope scope, NodeProto node) => null;

    /// <summary>Version 6 of many ops dropped the legacy <c>consumed_inputs</c> attribute, which never changed the result.</summary>
    public static string? DropConsumedInputs(UpgradeScope scope, NodeProto node)
    {
        NodeAttributes.Remove(node, "consumed_inputs");
        return null;
    }

    /// <summary>Concat-4 made <c>axis</c> required; Concat-1 defaulted it to 1.</summary>
    public static string? ConcatDefaultAxis(UpgradeScope scope, NodeProto node)
    {
        if (NodeAttributes.Find(node, "axis") is null)
        {
            NodeAttributes.SetInt(node, "axis", 1);
        }

        return null;
    }

    /// <summary>Gemm-7 broadcasts C by numpy rules and dropped <c>broadcast</c>; both old modes are special cases.</summary>
    public static string? GemmDropBroadcast(UpgradeScope scope, NodeProto node)
    {
        NodeAttributes.Remove(node, "broadcast");
        return null;
    }

    /// <summary>
    /// Version 7 of Add, Sub, Mul, Div and Pow broadcasts by numpy rules and dropped <c>broadcast</c> and <c>axis</c>.
    /// The old suffix broadcast is the numpy one; an <c>axis</c> that aligns B anywhere but at the end is not.
    /// </summary>
    public static string? LegacyBroadcast(UpgradeScope scope, NodeProto node)
    {
        bool broadcast = NodeAttributes.Int(node, "broadcast", 0) == 1;
        if (broadcast && NodeAttributes.Find(node, "axis") is { } axis && node.Input.Count >= 2)
        {
            int? rankA = scope.ShapeOf(node.Input[0]).Rank;
            int? rankB = scope.ShapeOf(node.Input[1]).Rank;
            if (rankA is null || rankB is null || axis.I != rankA - rankB)
            {
                return $"legacy broadcast with axis={axis.I} aligns B other than at the trailing dimensions " +
                    $"(ranks {Rank(rankA)} and {Rank(rankB)}); opset 7 broadcasting would align it differently";
            }
        }

        NodeAttributes.Remove(node, "broadcast");
        NodeAttributes.Remove(node, "axis");
        return null;
    }

    private static string Rank(int? rank) => rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
