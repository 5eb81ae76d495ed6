using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Fusion.LayerNorm;

/// <summary>
/// Matches <c>LayerNorm(a + b)</c> where a and b are computed values of one known [batch, sequence, hidden] shape, the
/// form ONNX Runtime's SkipLayerNormalization computes. When a is itself <c>a' + bias</c> with a constant [hidden] bias
/// read by nothing else on the way, the bias is folded into the fused node too.
/// </summary>
internal static class SkipLayerNormMatcher
{
    /// <summary>The residual layer normalization starting at the ReduceMean <paramref name="mean"/>, or null with a reason.</summary>
    public static SkipLayerNormMatch? Match(FusionView view, NodeProto mean, out string reason)
    {
        reason = string.Empty;
        if (LayerNormMatcher.Match(view, mean) is not { } norm)
        {
            return null;
        }

        reason = $"the layer normalization of '{norm.Input}' does not normalize the sum of two [batch, sequence, {norm.Hidden}] values";
        if (view.Producer(norm.Input, "Add") is not { Input.Count: 2 } residual || residual.Input[0] == residual.Input[1]
            || residual.Input.Any(view.Constants.IsConstant) || SameShape(view, residual.Input[0], residual.Input[1], norm.Hidden) is null)
        {
            return null;
        }

        for (int i = 0; i < 2; i++)
        {
            string summand = residual.Input[i];
            string skip = residual.Input[1 - i];
            if (FoldableBias(view, summand, residual, norm.Hidden) is { } biased && SameShape(view, biased.Input, skip, norm.Hidden) is not null)
            {
                reason = string.Empty;
                return new SkipLayerNormMatch(biased.Input, skip, biased.Bias, norm, [biased.Add, residual, .. norm.Nodes]);
            }
        }

        reason = string.Empty;
        return new SkipLayerNormMatch(residual.Input[0], residual.Input[1], null, norm, [residual, .. norm.Nodes]);
    }

    private static (NodeProto Add, string Input, string Bias)? FoldableBias(FusionView view, string value, NodeProto residual, long hidden)
    {
        if (view.Producer(value, "Add") is not { Input.Count: 2 } add || !view.OnlyFeeds(value, residual))
        {
            return null;
        }

        for (int i = 0; i < 2; i++)
        {
            if (view.Constants.Initializer(add.Input[i]) is { DataType: (int)DataType.Float, Dims: [var length] } && length == hidden
                && !view.Constants.IsConstant(add.Input[1 - i]))
            {
                return (add, add.Input[1 - i], add.Input[i]);
            }
        }

        return null;
    }

    private static IReadOnlyList<string>? SameShape(FusionView view, string a, string b, long hidden)
    {
        var x = view.Shapes.ShapeOf(a);
        var y = view.Shapes.ShapeOf(b);
        return x is { Count: 3 } && y is not null && x.SequenceEqual(y) && Dims.Value(x[2]) == hidden ? x : null;
    }
}
