using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>
/// Matches the additive mask of BERT exports: <c>Mul(Sub(1, c), filter)</c> (either Mul order), where c is the
/// [batch, sequence] mask graph input made [batch, 1, 1, sequence] by Unsqueeze and FLOAT by Cast, in either order.
/// ONNX Runtime's Attention applies the same mask from the raw int32 input: 0 keeps a key, <c>filter</c> masks it.
/// The two agree exactly for masks of 0s and 1s, which is what attention masks hold.
/// </summary>
internal static class MaskMatcher
{
    private static readonly HashSet<int> SourceTypes = [(int)DataType.Int64, (int)DataType.Int32, (int)DataType.Bool];

    /// <summary>The mask producing <paramref name="value"/>, or null with a reason.</summary>
    public static MaskMatch? Match(FusionView view, string value, out string reason)
    {
        reason = $"'{value}' is not (1 - mask) * filter of a [batch, sequence] mask input";
        var mul = view.Producer(value, "Mul");
        if (mul is not { Input.Count: 2 })
        {
            return null;
        }

        for (int i = 0; i < 2; i++)
        {
            if (view.Constants.Scalar(mul.Input[i]) is { } filter && view.Producer(mul.Input[1 - i], "Sub") is { Input.Count: 2 } sub
                && view.Constants.Scalar(sub.Input[0]) == 1f)
            {
                if (!(filter < 0) || !float.IsFinite(filter))
                {
                    reason = $"the mask filter value {filter} is not a finite negative number";
                    return null;
                }

                return Source(view, sub, filter, mul, ref reason);
            }
        }

        return null;
    }

    private static MaskMatch? Source(FusionView view, NodeProto sub, float filter, NodeProto mul, ref string reason)
    {
        var nodes = new List<NodeProto> { mul, sub };
        string current = sub.Input[1];
        int casts = 0;
        while (view.Graph.Producer(current) is { } node && Attributes.IsDefault(node) && node.OpType is "Unsqueeze" or "Cast")
        {
            if (node.OpType == "Cast")
            {
                if (Attributes.Int(node, "to", 0) != (int)DataType.Float)
                {
                    return null;
                }

                casts++;
            }

            nodes.Add(node);
            current = node.Input[0];
        }

        if (view.InputElementType(current) is not { } type || !SourceTypes.Contains(type) || casts != 1)
        {
            reason = $"the mask does not come from a graph input of INT64, INT32 or BOOL made FLOAT by one Cast ('{current}')";
            return null;
        }

        var source = view.Shapes.ShapeOf(current);
        var expanded = view.Shapes.ShapeOf(sub.Input[1]);
        if (source is not { Count: 2 } || expanded is not { Count: 4 } || expanded[1] != Dims.One || expanded[2] != Dims.One
            || expanded[0] != source[0] || expanded[3] != source[1])
        {
            reason = $"mask input '{current}' is not [batch, sequence] made [batch, 1, 1, sequence]";
            return null;
        }

        nodes.Reverse();
        return new MaskMatch(current, type, filter, nodes);
    }
}
