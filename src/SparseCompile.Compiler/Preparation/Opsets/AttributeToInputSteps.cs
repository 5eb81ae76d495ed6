using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// Steps where an attribute became an input: the attribute's value moves into a new constant initializer that
/// the node reads through the new input, so the node computes exactly what it did.
/// </summary>
internal static class AttributeToInputSteps
{
    /// <summary>Squeeze-13 and ReduceSum-13 read <c>axes</c> as an optional input; without the attribute nothing changes.</summary>
    public static string? OptionalAxesToInput(UpgradeScope scope, NodeProto node) => AxesToInput(scope, node, required: false);

    /// <summary>Unsqueeze-13 reads <c>axes</c> as a required input.</summary>
    public static string? RequiredAxesToInput(UpgradeScope scope, NodeProto node) => AxesToInput(scope, node, required: true);

    /// <summary>Reshape-5 reads the target shape as an input instead of the <c>shape</c> attribute.</summary>
    public static string? ReshapeShapeToInput(UpgradeScope scope, NodeProto node)
    {
        NodeAttributes.Remove(node, "consumed_inputs");
        if (NodeAttributes.Ints(node, "shape") is not { } shape)
        {
            return "it has no shape attribute";
        }

        if (node.Input.Count != 1)
        {
            return "it has more inputs than Reshape-1 allows";
        }

        node.Input.Add(scope.AddInitializer(node, "shape", ConstantTensors.Int64Vector(shape)));
        NodeAttributes.Remove(node, "shape");
        return null;
    }

    /// <summary>Pad-11 reads <c>pads</c> and the constant value as inputs.</summary>
    public static string? PadToInputs(UpgradeScope scope, NodeProto node)
    {
        if (NodeAttributes.Ints(node, "pads") is not { } pads)
        {
            return "it has no pads attribute";
        }

        if (node.Input.Count != 1)
        {
            return "it has more inputs than Pad-2 allows";
        }

        float value = NodeAttributes.Float(node, "value", 0f);
        TensorProto? constant = null;
        if (value != 0f)
        {
            var type = scope.ElementTypeOf(node.Input[0]);
            constant = type is { } t ? ConstantTensors.Scalar(t, value) : null;
            if (constant is null)
            {
                return $"its padding value {value} must become an input of the data's element type, which is {Describe(type)}";
            }
        }

        node.Input.Add(scope.AddInitializer(node, "pads", ConstantTensors.Int64Vector(pads)));
        if (constant is not null)
        {
            node.Input.Add(scope.AddInitializer(node, "value", constant));
        }

        NodeAttributes.Remove(node, "pads");
        NodeAttributes.Remove(node, "value");
        return null;
    }

    /// <summary>
    /// Clip-11 reads <c>min</c> and <c>max</c> as inputs of the data's type. An attribute Clip-6 left out bounded at
    /// ±3.4028235e38 (the float range), which is written out explicitly when the other bound is present.
    /// </summary>
    public static string? ClipToInputs(UpgradeScope scope, NodeProto node)
    {
        var min = NodeAttributes.Find(node, "min");
        var max = NodeAttributes.Find(node, "max");
        if (min is null && max is null)
        {
            return null; // Clip-11 without bounds clips at the type's limits, as Clip-6 did for float
        }

        if (node.Input.Count != 1)
        {
            return "it has more inputs than Clip-6 allows";
        }

        var type = scope.ElementTypeOf(node.Input[0]);
        var low = type is { } t ? ConstantTensors.Scalar(t, min?.F ?? float.MinValue) : null;
        var high = type is { } u ? ConstantTensors.Scalar(u, max?.F ?? float.MaxValue) : null;
        if (low is null || high is null)
        {
            return $"its min/max attributes must become inputs of the data's element type, which is {Describe(type)}";
        }

        node.Input.Add(scope.AddInitializer(node, "min", low));
        node.Input.Add(scope.AddInitializer(node, "max", high));
        NodeAttributes.Remove(node, "min");
        NodeAttributes.Remove(node, "max");
        return null;
    }

    /// <summary>Dropout-12 reads <c>ratio</c> as an optional input (default 0.5, as the attribute's was).</summary>
    public static string? DropoutRatioToInput(UpgradeScope scope, NodeProto node)
    {
        if (NodeAttributes.Find(node, "ratio") is not { } ratio)
        {
            return null;
        }

        if (node.Input.Count != 1)
        {
            return "it has more inputs than Dropout-10 allows";
        }

        node.Input.Add(scope.AddInitializer(node, "ratio", ConstantTensors.FloatScalar(ratio.F)));
        NodeAttributes.Remove(node, "ratio");
        return null;
    }

    private static string? AxesToInput(UpgradeScope scope, NodeProto node, bool required)
    {
        if (NodeAttributes.Ints(node, "axes") is not { } axes)
        {
            return required ? "it has no axes attribute" : null;
        }

        if (node.Input.Count != 1)
        {
            return "it already has an axes input as well as the attribute";
        }

        node.Input.Add(scope.AddInitializer(node, "axes", ConstantTensors.Int64Vector(axes)));
        NodeAttributes.Remove(node, "axes");
        return null;
    }

    private static string Describe(DataType? type) =>
        type is { } t ? Onnx.Tensors.ElementTypes.Name((int)t) + " (not a float type)" : "unknown";
}
