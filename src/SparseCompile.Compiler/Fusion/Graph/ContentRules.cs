using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>
/// The contents of small integer tensors computed from shapes: Shape, Gather, Unsqueeze, Squeeze, Concat, Cast,
/// Slice and elementwise Add/Sub/Mul of them, as in the Reshape targets PyTorch exports build at run time.
/// </summary>
internal static class ContentRules
{
    /// <summary>The contents of output <paramref name="index"/> of <paramref name="node"/>, or null when not known.</summary>
    public static DimList? Infer(SymbolicShapes shapes, NodeProto node, int index)
    {
        if (index != 0 || !Attributes.IsDefault(node))
        {
            return null;
        }

        DimList? Input(int i) => node.Input.Count > i && node.Input[i].Length > 0 ? shapes.ContentsOf(node.Input[i]) : null;
        return node.OpType switch
        {
            "Shape" => Shape(shapes, node),
            "Gather" => Gather(shapes, node, Input(0)),
            "Unsqueeze" => Input(0) is { Scalar: true } s && Attributes.Axes(shapes, node, 1, 13, out bool known) is [0 or -1] && known
                ? new DimList(s.Items, false) : null,
            "Squeeze" => Input(0) is { Scalar: false, Items.Count: 1 } s ? new DimList(s.Items, true) : null,
            "Concat" => Concat(node, Enumerable.Range(0, node.Input.Count).Select(Input).ToArray()),
            "Cast" => Attributes.Int(node, "to", 0) is (long)TensorProto.Types.DataType.Int64 or (long)TensorProto.Types.DataType.Int32 ? Input(0) : null,
            "Identity" => Input(0),
            "Add" or "Sub" or "Mul" => Arithmetic(node.OpType, Input(0), Input(1)),
            "Slice" => Slice(shapes, node, Input(0)),
            _ => null,
        };
    }

    private static DimList? Shape(SymbolicShapes shapes, NodeProto node)
    {
        if (shapes.ShapeOf(node.Input[0]) is not { } shape)
        {
            return null;
        }

        var (start, count) = ShapeRules.ShapeSlice(node, shape.Count);
        return new DimList(shape.Skip(start).Take(count).ToArray(), false);
    }

    private static DimList? Gather(SymbolicShapes shapes, NodeProto node, DimList? data)
    {
        if (data is not { Scalar: false } || Attributes.Int(node, "axis", 0) != 0
            || shapes.Constants.Integers(node.Input[1]) is not { } indices || shapes.Constants.DimsOf(node.Input[1]) is not { Count: <= 1 } dims)
        {
            return null;
        }

        var items = new List<string>();
        foreach (long i in indices)
        {
            if (Dims.Axis(i, data.Items.Count) is not { } at)
            {
                return null;
            }

            items.Add(data.Items[at]);
        }

        return new DimList(items, dims.Count == 0);
    }

    private static DimList? Concat(NodeProto node, DimList?[] inputs)
    {
        if (inputs.Length == 0 || inputs.Any(i => i is not { Scalar: false }) || Attributes.Int(node, "axis", 0) is not (0 or -1))
        {
            return null;
        }

        return new DimList(inputs.SelectMany(i => i!.Items).ToArray(), false);
    }

    private static DimList? Arithmetic(string op, DimList? a, DimList? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        int count = Math.Max(a.Items.Count, b.Items.Count);
        if ((a.Items.Count != count && a.Items.Count != 1) || (b.Items.Count != count && b.Items.Count != 1))
        {
            return null;
        }

        var items = new string[count];
        for (int i = 0; i < count; i++)
        {
            string x = a.Items[a.Items.Count == 1 ? 0 : i];
            string y = b.Items[b.Items.Count == 1 ? 0 : i];
            items[i] = Combine(op, x, y);
        }

        return new DimList(items, a.Scalar && b.Scalar);
    }

    private static string Combine(string op, string x, string y)
    {
        long? u = Dims.Value(x);
        long? v = Dims.Value(y);
        if (u is not null && v is not null)
        {
            return Dims.Of(op switch { "Add" => u.Value + v.Value, "Sub" => u.Value - v.Value, _ => u.Value * v.Value });
        }

        return (op, u, v) switch
        {
            ("Add" or "Sub", _, 0) => x,
            ("Add", 0, _) => y,
            ("Mul", _, 1) => x,
            ("Mul", 1, _) => y,
            _ => $"({x}{(op == "Add" ? "+" : op == "Sub" ? "-" : "*")}{y})",
        };
    }

    private static DimList? Slice(SymbolicShapes shapes, NodeProto node, DimList? data)
    {
        if (data is not { Scalar: false } || shapes.Opset < 10 || node.Input.Count < 3
            || shapes.Constants.Integers(node.Input[1]) is not [var start] || shapes.Constants.Integers(node.Input[2]) is not [var end])
        {
            return null;
        }

        bool plainAxes = node.Input.Count <= 3 || node.Input[3].Length == 0 || shapes.Constants.Integers(node.Input[3]) is [0 or -1];
        bool plainSteps = node.Input.Count <= 4 || node.Input[4].Length == 0 || shapes.Constants.Integers(node.Input[4]) is [1];
        if (!plainAxes || !plainSteps)
        {
            return null;
        }

        int n = data.Items.Count;
        int from = (int)Math.Clamp(start < 0 ? start + n : start, 0, n);
        int to = (int)Math.Clamp(end < 0 ? end + n : end, 0, n);
        return new DimList(data.Items.Skip(from).Take(Math.Max(0, to - from)).ToArray(), false);
    }
}
