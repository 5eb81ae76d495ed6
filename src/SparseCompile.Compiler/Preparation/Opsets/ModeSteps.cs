using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>Steps for BatchNormalization and Dropout, whose training/inference switches and layouts changed.</summary>
internal static class ModeSteps
{
    /// <summary>BatchNormalization-7 dropped <c>is_test</c>; the mode follows from the outputs present. Only the inference form carries over.</summary>
    public static string? BatchNormIsTest(UpgradeScope scope, NodeProto node)
    {
        if (NodeAttributes.Int(node, "is_test", 0) != 1)
        {
            return "is_test is 0 (training mode: it normalizes with the batch's own statistics)";
        }

        if (node.Output.Skip(1).Any(o => o.Length > 0))
        {
            return "it has running-statistics outputs, which make BatchNormalization-7 a training op";
        }

        NodeAttributes.Remove(node, "is_test");
        return null;
    }

    /// <summary>BatchNormalization-9 dropped <c>spatial</c> and kept only spatial=1 (statistics per channel).</summary>
    public static string? BatchNormSpatial(UpgradeScope scope, NodeProto node)
    {
        long spatial = NodeAttributes.Int(node, "spatial", 1);
        if (spatial != 1)
        {
            return $"spatial={spatial} normalizes every element with its own statistics; opset 9 removed that mode";
        }

        NodeAttributes.Remove(node, "spatial");
        return null;
    }

    /// <summary>Dropout-7 dropped <c>is_test</c> and is the identity at inference.</summary>
    public static string? DropoutIsTest(UpgradeScope scope, NodeProto node)
    {
        if (NodeAttributes.Int(node, "is_test", 0) != 1)
        {
            return "is_test is 0 (training mode: it drops values at random)";
        }

        NodeAttributes.Remove(node, "is_test");
        return null;
    }

    /// <summary>Dropout-10 made the mask output BOOL instead of the data's type.</summary>
    public static string? DropoutMaskType(UpgradeScope scope, NodeProto node) =>
        node.Output.Count > 1 && node.Output[1].Length > 0
            ? "its mask output changes from the data's type to BOOL in opset 10"
            : null;
}
