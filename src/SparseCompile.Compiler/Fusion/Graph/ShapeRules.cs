using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>The output shapes of the ops <see cref="SymbolicShapes"/> understands; null for anything else.</summary>
internal static class ShapeRules
{
    private static readonly HashSet<string> SameShape = new(StringComparer.Ordinal)
    {
        "Cast", "Sqrt", "Erf", "Tanh", "Relu", "Sigmoid", "Neg", "Abs", "Exp", "Log", "Reciprocal", "Identity",
        "Softmax", "LogSoftmax", "Not", "Floor", "Ceil", "Round", "Dropout", "LayerNormalization", "DynamicQuantizeLinear",
    };

    private static readonly HashSet<string> Broadcasting = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Pow", "Equal", "Less", "Greater", "And", "Or", "Where", "Max", "Min", "Mod",
    };

    /// <summary>The shape of output <paramref name="index"/> of <paramref name="node"/>, or null when it is not known.</summary>
    public static string[]? Infer(SymbolicShapes shapes, NodeProto node, int index)
    {
        string[]? Input(int i) => node.Input.Count > i && node.Input[i].Length > 0 ? shapes.ShapeOf(node.Input[i])?.ToArray() : null;
        if (Attributes.IsMicrosoft(node))
        {
            return Microsoft(shapes, node, index, Input);
        }

        if (!Attributes.IsDefault(node))
        {
            return null;
        }

        if (SameShape.Contains(node.OpType))
        {
            return index == 0 || node.OpType == "Dropout" ? Input(0) : node.OpType == "DynamicQuantizeLinear" ? [] : null;
        }

        if (Broadcasting.Contains(node.OpType))
        {
            var inputs = Enumerable.Range(0, node.Input.Count).Select(Input).ToArray();
            return inputs.Any(i => i is null) ? null : Dims.Broadcast(inputs!);
        }

        return node.OpType switch
        {
            "Constant" => shapes.Constants.DimsOf(node.Output[0])?.Select(Dims.Of).ToArray(),
            "Shape" => Input(0) is { } s ? [Dims.Of(ShapeSlice(node, s.Length).Count)] : null,
            "MatMul" or "MatMulInteger" => MatMul(Input(0), Input(1)),
            "Gemm" => Gemm(node, Input(0), Input(1)),
            "Gather" => Gather(node, Input(0), Input(1)),
            "Transpose" => Transpose(node, Input(0)),
            "Reshape" => AxisRules.Reshape(shapes, node, Input(0)),
            "Unsqueeze" => AxisRules.Unsqueeze(shapes, node, Input(0)),
            "Squeeze" => AxisRules.Squeeze(shapes, node, Input(0)),
            "Concat" => AxisRules.Concat(node, Enumerable.Range(0, node.Input.Count).Select(Input).ToArray()),
            "Slice" => AxisRules.Slice(shapes, node, Input(0)),
            "ReduceMean" or "ReduceSum" or "ReduceMax" or "ReduceMin" or "ReduceProd" => AxisRules.Reduce(shapes, node, Input(0)),
            _ => null,
        };
    }

    /// <summary>The dims a Shape node reports (its start and end attributes, opset 15, clamped as the spec says).</summary>
    public static (int Start, int Count) ShapeSlice(NodeProto node, int rank)
    {
        int Clamp(long v) => (int)Math.Clamp(v < 0 ? v + rank : v, 0, rank);
        int start = Clamp(Attributes.Int(node, "start", 0));
        int end = Clamp(Attributes.Int(node, "end", rank));
        return (start, Math.Max(0, end - start));
    }

    private static string[]? Microsoft(SymbolicShapes shapes, NodeProto node, int index, Func<int, string[]?> input)
    {
        switch (node.OpType)
        {
            case "SkipLayerNormalization" when index is 0 or 3:
            case "Gelu" or "FastGelu" or "BiasGelu" when index == 0:
                return input(0);
            case "Attention" or "QAttention" when index == 0 && input(0) is { Length: 3 } x:
                long? v = Attributes.Ints(node, "qkv_hidden_sizes") is [_, _, var size] ? size
                    : shapes.Constants.DimsOf(node.Input[1]) is [_, var packed] && packed % 3 == 0 ? packed / 3 : null;
                return [x[0], x[1], v is { } known ? Dims.Of(known) : Dims.Unknown(node.Output[0], 2)];
            case "MatMulIntegerToFloat" or "DynamicQuantizeMatMul" when index == 0:
                return MatMul(input(0), input(1));
            default:
                return null;
        }
    }

    private static string[]? MatMul(string[]? a, string[]? b)
    {
        if (a is null || b is null || a.Length == 0 || b.Length == 0)
        {
            return null;
        }

        if (a.Length == 1 || b.Length == 1)
        {
            return a.Length == 1 && b.Length == 1 ? [] : a.Length == 1 ? [.. b[..^2], b[^1]] : a[..^1];
        }

        var batch = Dims.Broadcast([a[..^2], b[..^2]]);
        return batch is null ? null : [.. batch, a[^2], b[^1]];
    }

    private static string[]? Gemm(NodeProto node, string[]? a, string[]? b)
    {
        if (a is not { Length: 2 } || b is not { Length: 2 })
        {
            return null;
        }

        return [Attributes.Int(node, "transA", 0) != 0 ? a[1] : a[0], Attributes.Int(node, "transB", 0) != 0 ? b[0] : b[1]];
    }

    private static string[]? Gather(NodeProto node, string[]? data, string[]? indices)
    {
        if (data is null || indices is null || Dims.Axis(Attributes.Int(node, "axis", 0), data.Length) is not { } axis)
        {
            return null;
        }

        return [.. data[..axis], .. indices, .. data[(axis + 1)..]];
    }

    private static string[]? Transpose(NodeProto node, string[]? input)
    {
        if (input is null)
        {
            return null;
        }

        var perm = Attributes.Ints(node, "perm") ?? Enumerable.Range(0, input.Length).Reverse().Select(i => (long)i).ToArray();
        if (perm.Length != input.Length || perm.Any(p => p < 0 || p >= input.Length) || perm.Distinct().Count() != perm.Length)
        {
            return null;
        }

        return perm.Select(p => input[p]).ToArray();
    }
}
