using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>The attention scores before the softmax: <c>MatMul(Q, Kᵀ)</c>, scaled by a constant, plus an optional additive mask.</summary>
/// <param name="ScoreMatMul">The MatMul of Q and Kᵀ.</param>
/// <param name="Scale">The scale factor (1 when the scores are not scaled).</param>
/// <param name="Mask">The mask, or null.</param>
/// <param name="Nodes">The scale node and the mask Add, those present, in graph order.</param>
internal sealed record ScoreMatch(NodeProto ScoreMatMul, float Scale, MaskMatch? Mask, IReadOnlyList<NodeProto> Nodes);

/// <summary>Matches <c>Add(Div(MatMul(q, kᵀ), c), mask)</c>: Div or Mul by a scalar constant (or neither), the mask Add in either order (or none).</summary>
internal static class ScoreMatcher
{
    /// <summary>The scores feeding <paramref name="softmax"/>, or null with a reason.</summary>
    public static ScoreMatch? Match(FusionView view, NodeProto softmax, out string reason)
    {
        string scores = softmax.Input[0];
        if (view.Producer(scores, "Add") is { Input.Count: 2 } add && view.OnlyFeeds(scores, softmax))
        {
            string? detail = null;
            for (int i = 0; i < 2; i++)
            {
                if (Scaled(view, add.Input[i], add, out _) is { } scaled)
                {
                    if (MaskMatcher.Match(view, add.Input[1 - i], out string maskReason) is { } mask)
                    {
                        reason = string.Empty;
                        return scaled with { Mask = mask, Nodes = [.. scaled.Nodes, add] };
                    }

                    detail = maskReason;
                }
            }

            reason = $"the scores Add '{add.Name}' is not scaled Q·Kᵀ plus a key-padding mask" + (detail is null ? string.Empty : $" ({detail})");
            return null;
        }

        return Scaled(view, scores, softmax, out reason);
    }

    private static ScoreMatch? Scaled(FusionView view, string value, NodeProto reader, out string reason)
    {
        reason = $"'{value}' is not Q·Kᵀ times a constant";
        if (!view.OnlyFeeds(value, reader))
        {
            return null;
        }

        if (view.Producer(value, "MatMul") is { Input.Count: 2 } direct)
        {
            return new ScoreMatch(direct, 1f, null, []);
        }

        var node = view.Graph.Producer(value);
        if (node is not { Input.Count: 2 } || !Attributes.IsDefault(node) || node.OpType is not ("Div" or "Mul"))
        {
            return null;
        }

        for (int i = node.OpType == "Div" ? 1 : 0; i < 2; i++)
        {
            if (view.Constants.Scalar(node.Input[i]) is { } c && view.Producer(node.Input[1 - i], "MatMul") is { Input.Count: 2 } matmul
                && view.OnlyFeeds(matmul.Output[0], node))
            {
                float scale = node.OpType == "Div" ? (float)(1.0 / c) : c;
                if (!float.IsFinite(scale) || scale <= 0)
                {
                    reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the score scale {scale} is not a finite positive number");
                    return null;
                }

                return new ScoreMatch(matmul, scale, null, [node]);
            }
        }

        return null;
    }
}
