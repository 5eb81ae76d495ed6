using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// Softmax-13 normalizes along the one axis given; earlier versions flattened the input to 2-D around the axis and
/// normalized over every dimension from the axis on. The two agree exactly when every dimension after the axis is 1
/// (the last axis always qualifies), and then the axis is written out, since the default changed from 1 to -1.
/// </summary>
internal static class SoftmaxStep
{
    /// <summary>Softmax-11 to Softmax-13.</summary>
    public static string? LastAxisOnly(UpgradeScope scope, NodeProto node)
    {
        long axis = NodeAttributes.Int(node, "axis", 1);
        if (axis == -1)
        {
            NodeAttributes.SetInt(node, "axis", -1);
            return null;
        }

        var shape = scope.ShapeOf(node.Input[0]);
        if (shape.Dims is null && node.Output.Count > 0)
        {
            shape = scope.ShapeOf(node.Output[0]);
        }

        if (shape.Dims is not { } dims)
        {
            return $"axis {axis} on an input of unknown rank: before opset 13 Softmax normalizes over every dimension " +
                "from the axis on, and whether that is the axis alone cannot be told";
        }

        long normalized = axis < 0 ? axis + dims.Count : axis;
        if (normalized < 0 || normalized >= dims.Count)
        {
            return $"axis {axis} is out of range for a rank-{dims.Count} input";
        }

        if (dims.Skip((int)normalized + 1).Any(d => d.Value != 1))
        {
            return $"axis {axis} of a {shape} input is not the last axis: before opset 13 Softmax normalizes over every " +
                "dimension from the axis on, from opset 13 over the axis alone";
        }

        NodeAttributes.SetInt(node, "axis", normalized);
        return null;
    }
}
