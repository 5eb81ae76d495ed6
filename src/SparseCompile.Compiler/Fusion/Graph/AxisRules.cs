using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>Output shapes of the ops that move, add, drop or reduce axes: Reshape, Unsqueeze, Squeeze, Concat, Slice and the Reduce ops.</summary>
internal static class AxisRules
{
    /// <summary>The output shape of Reshape, or null when it is not known.</summary>
    public static string[]? Reshape(SymbolicShapes shapes, NodeProto node, string[]? input)
    {
        if (node.Input.Count < 2 || shapes.ContentsOf(node.Input[1]) is not { Scalar: false } target)
        {
            return null;
        }

        bool allowZero = Attributes.Int(node, "allowzero", 0) != 0;
        var result = new string[target.Items.Count];
        int inferred = -1;
        for (int i = 0; i < result.Length; i++)
        {
            string item = target.Items[i];
            if (item == "0" && !allowZero)
            {
                if (input is null || i >= input.Length)
                {
                    return null;
                }

                result[i] = input[i];
            }
            else if (item == "-1")
            {
                inferred = i;
                result[i] = Dims.Unknown(node.Output[0], i);
            }
            else
            {
                result[i] = item;
            }
        }

        if (inferred >= 0 && input is not null && input.All(d => Dims.Value(d) is not null)
            && result.Where((_, i) => i != inferred).All(d => Dims.Value(d) is > 0))
        {
            long total = input.Aggregate(1L, (a, d) => a * Dims.Value(d)!.Value);
            long rest = result.Where((_, i) => i != inferred).Aggregate(1L, (a, d) => a * Dims.Value(d)!.Value);
            result[inferred] = total % rest == 0 ? Dims.Of(total / rest) : result[inferred];
        }

        return result;
    }

    /// <summary>The output shape of Unsqueeze, or null when it is not known.</summary>
    public static string[]? Unsqueeze(SymbolicShapes shapes, NodeProto node, string[]? input)
    {
        var axes = Attributes.Axes(shapes, node, 1, 13, out bool known);
        if (input is null || !known || axes is null)
        {
            return null;
        }

        int rank = input.Length + axes.Length;
        var normalized = axes.Select(a => Dims.Axis(a, rank)).ToArray();
        if (normalized.Any(a => a is null) || normalized.Distinct().Count() != normalized.Length)
        {
            return null;
        }

        var result = new string[rank];
        int next = 0;
        for (int i = 0; i < rank; i++)
        {
            result[i] = normalized.Contains(i) ? Dims.One : input[next++];
        }

        return result;
    }

    /// <summary>The output shape of Squeeze, or null when it is not known.</summary>
    public static string[]? Squeeze(SymbolicShapes shapes, NodeProto node, string[]? input)
    {
        var axes = Attributes.Axes(shapes, node, 1, 13, out bool known);
        if (input is null || !known)
        {
            return null;
        }

        if (axes is null)
        {
            return input.All(d => Dims.Value(d) is not null) ? input.Where(d => d != Dims.One).ToArray() : null;
        }

        var normalized = axes.Select(a => Dims.Axis(a, input.Length)).ToArray();
        return normalized.Any(a => a is null) ? null : input.Where((_, i) => !normalized.Contains(i)).ToArray();
    }

    /// <summary>The output shape of Concat, or null when it is not known.</summary>
    public static string[]? Concat(NodeProto node, string[]?[] inputs)
    {
        if (inputs.Length == 0 || inputs.Any(i => i is null) || inputs.Select(i => i!.Length).Distinct().Count() != 1
            || Dims.Axis(Attributes.Int(node, "axis", 0), inputs[0]!.Length) is not { } axis)
        {
            return null;
        }

        var result = inputs[0]!.ToArray();
        result[axis] = Dims.Sum(inputs.Select(i => i![axis]).ToArray());
        return result;
    }

    /// <summary>The output shape of Slice, or null when it is not known.</summary>
    public static string[]? Slice(SymbolicShapes shapes, NodeProto node, string[]? input)
    {
        if (input is null)
        {
            return null;
        }

        long[]? axes = shapes.Opset < 10 ? Attributes.Ints(node, "axes")
            : node.Input.Count > 3 && node.Input[3].Length > 0 ? shapes.Constants.Integers(node.Input[3]) : null;
        long[]? starts = shapes.Opset < 10 ? Attributes.Ints(node, "starts") : shapes.Constants.Integers(node.Input[1]);
        bool axesGiven = shapes.Opset < 10 ? axes is not null : node.Input.Count > 3 && node.Input[3].Length > 0;
        var sliced = new HashSet<int>();
        if (axes is not null)
        {
            foreach (long a in axes)
            {
                if (Dims.Axis(a, input.Length) is not { } axis)
                {
                    return null;
                }

                sliced.Add(axis);
            }
        }
        else if (!axesGiven && starts is not null)
        {
            sliced.UnionWith(Enumerable.Range(0, Math.Min(starts.Length, input.Length)));
        }
        else
        {
            sliced.UnionWith(Enumerable.Range(0, input.Length));
        }

        return input.Select((d, i) => sliced.Contains(i) ? Dims.Unknown(node.Output[0], i) : d).ToArray();
    }

    /// <summary>The output shape of Reduce, or null when it is not known.</summary>
    public static string[]? Reduce(SymbolicShapes shapes, NodeProto node, string[]? input)
    {
        long since = node.OpType == "ReduceSum" ? 13 : 18;
        var axes = Attributes.Axes(shapes, node, 1, since, out bool known);
        if (input is null || !known)
        {
            return null;
        }

        var reduced = new HashSet<int>();
        if (axes is null || axes.Length == 0)
        {
            if (Attributes.Int(node, "noop_with_empty_axes", 0) != 0)
            {
                return input;
            }

            reduced.UnionWith(Enumerable.Range(0, input.Length));
        }
        else
        {
            foreach (long a in axes)
            {
                if (Dims.Axis(a, input.Length) is not { } axis)
                {
                    return null;
                }

                reduced.Add(axis);
            }
        }

        bool keep = Attributes.Int(node, "keepdims", 1) != 0;
        return input.Select((d, i) => (d, i)).Where(p => keep || !reduced.Contains(p.i)).Select(p => reduced.Contains(p.i) ? Dims.One : p.d).ToArray();
    }
}
