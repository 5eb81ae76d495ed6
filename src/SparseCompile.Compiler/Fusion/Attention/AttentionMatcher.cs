using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>
/// Matches the self-attention block of BERT-family PyTorch exports, anchored at its Softmax:
/// <code>
/// q, k, v = x·Wq + bq, x·Wk + bk, x·Wv + bv               (MatMul, Add)
/// Q, Kᵀ, V = split(q), split(k)ᵀ, split(v)                 (Reshape [B, S, N, H], Transpose)
/// P = Softmax(Q·Kᵀ · scale + (1 − mask) · filter)           (MatMul, Div, Add, Softmax on the last axis)
/// y = merge(P·V)                                           (MatMul, Transpose [0,2,1,3], Reshape [B, S, N·H])
/// </code>
/// Q, K and V must share x, have their own weights of one shape and split into the same heads; every intermediate
/// value must stay inside the block. Anything else (a causal mask, other perms, shared weights) is left alone.
/// </summary>
internal static class AttentionMatcher
{
    private static readonly long[] Merge = [0, 2, 1, 3];

    /// <summary>The block around <paramref name="softmax"/>, or null with the reason it does not match.</summary>
    public static AttentionMatch? Match(FusionView view, NodeProto softmax, out string reason)
    {
        if (!IsLastAxisSoftmax(view, softmax))
        {
            reason = $"Softmax '{softmax.Name}' is not over the last axis of a 4-D tensor";
            return null;
        }

        if (ScoreMatcher.Match(view, softmax, out reason) is not { } scores)
        {
            return null;
        }

        var scoreMatMul = scores.ScoreMatMul;
        if (HeadSplitMatcher.Match(view, scoreMatMul.Input[0], scoreMatMul, transposed: false, out reason) is not { } query
            || HeadSplitMatcher.Match(view, scoreMatMul.Input[1], scoreMatMul, transposed: true, out reason) is not { } key)
        {
            return null;
        }

        string probabilities = softmax.Output[0];
        if (view.SoleReader(probabilities) is not { OpType: "MatMul", Input.Count: 2 } context || context.Input[0] != probabilities
            || !view.OnlyFeeds(probabilities, context) || !Attributes.IsDefault(context))
        {
            reason = $"the attention probabilities '{probabilities}' are not only multiplied by V";
            return null;
        }

        if (HeadSplitMatcher.Match(view, context.Input[1], context, transposed: false, out reason) is not { } value)
        {
            return null;
        }

        if (MergeHeads(view, context, query, out reason) is not { } merge)
        {
            return null;
        }

        if (Consistency(view, query, key, value) is { } problem)
        {
            reason = problem;
            return null;
        }

        var nodes = new List<NodeProto>();
        foreach (var split in new[] { query, key, value })
        {
            nodes.Add(split.Projection.MatMul);
            nodes.AddRange(split.Projection.BiasAdd is { } add ? [add] : []);
            nodes.Add(split.Reshape);
            nodes.AddRange(split.Transposes);
        }

        nodes.AddRange([scoreMatMul, .. scores.Nodes, softmax, context, merge.Transpose, merge.Reshape]);
        reason = string.Empty;
        return new AttentionMatch(query.Projection.MatMul.Input[0], query, key, value, scores.Scale, scores.Mask, merge.Reshape.Output[0], nodes);
    }

    private static bool IsLastAxisSoftmax(FusionView view, NodeProto softmax)
    {
        if (!Attributes.IsDefault(softmax) || softmax.Input.Count != 1 || view.Shapes.RankOf(softmax.Input[0]) != 4)
        {
            return false;
        }

        long axis = Attributes.Int(softmax, "axis", view.Shapes.Opset >= 13 ? -1 : 1);
        return axis is -1 or 3;
    }

    private static (NodeProto Transpose, NodeProto Reshape)? MergeHeads(FusionView view, NodeProto context, HeadSplit query, out string reason)
    {
        reason = $"the attention context '{context.Output[0]}' is not merged back by Transpose [0,2,1,3] and Reshape [B, S, N·H]";
        string merged = context.Output[0];
        if (view.SoleReader(merged) is not { OpType: "Transpose" } transpose || !Attributes.IsDefault(transpose)
            || !view.OnlyFeeds(merged, transpose) || Attributes.Ints(transpose, "perm") is not { } perm || !perm.SequenceEqual(Merge))
        {
            return null;
        }

        string heads = transpose.Output[0];
        if (view.SoleReader(heads) is not { OpType: "Reshape", Input.Count: 2 } reshape || !Attributes.IsDefault(reshape)
            || reshape.Input[0] != heads || !view.OnlyFeeds(heads, reshape) || Attributes.Int(reshape, "allowzero", 0) != 0)
        {
            return null;
        }

        var shape = view.Shapes.ShapeOf(heads);
        var target = view.Shapes.ContentsOf(reshape.Input[1]);
        string hidden = Dims.Of(query.Heads * query.HeadSize);
        if (shape is not { Count: 4 } || target is not { Scalar: false, Items.Count: 3 })
        {
            return null;
        }

        bool batch = target.Items[0] == "0" || target.Items[0] == shape[0];
        bool sequence = target.Items[1] == "0" || target.Items[1] == shape[1];
        bool last = target.Items[2] == hidden || (target.Items[2] == "-1" && batch && sequence);
        if (!last || !((batch && sequence) || (batch && target.Items[1] == "-1") || (sequence && target.Items[0] == "-1")))
        {
            return null;
        }

        return (transpose, reshape);
    }

    private static string? Consistency(FusionView view, HeadSplit query, HeadSplit key, HeadSplit value)
    {
        var splits = new[] { query, key, value };
        if (splits.Select(s => s.Projection.MatMul.Input[0]).Distinct().Count() != 1)
        {
            return "Q, K and V are not projected from the same input";
        }

        if (splits.Select(s => s.Projection.Weight).Distinct().Count() != 3)
        {
            return "Q, K and V share a weight";
        }

        if (splits.Any(s => s.Heads != query.Heads || s.HeadSize != query.HeadSize))
        {
            return "Q, K and V are split into different heads";
        }

        var dims = splits.Select(s => view.Constants.Initializer(s.Projection.Weight)!.Dims).ToArray();
        if (dims.Any(d => d[0] != dims[0][0] || d[1] != dims[0][1]))
        {
            return "the Q, K and V weights differ in shape";
        }

        string input = query.Projection.MatMul.Input[0];
        if (view.Shapes.ShapeOf(input) is not { Count: 3 } shape || (Dims.Value(shape[2]) is { } width && width != dims[0][0]))
        {
            return $"the attention input '{input}' is not known to be [batch, sequence, {dims[0][0]}]";
        }

        return null;
    }
}
