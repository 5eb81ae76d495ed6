using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Fusion.LayerNorm;

/// <summary>
/// Matches <c>d = s − ReduceMean(s); y = d / Sqrt(ReduceMean(d²) + ε) · γ + β</c> over the last axis, anchored at the
/// first ReduceMean: each intermediate read only by the next step, ε a scalar constant, γ and β constant FLOAT [hidden].
/// </summary>
internal static class LayerNormMatcher
{
    /// <summary>The layer normalization starting at <paramref name="mean"/>, or null.</summary>
    public static LayerNormMatch? Match(FusionView view, NodeProto mean)
    {
        string s = mean.Input[0];
        if (!IsLastAxisMean(view, mean, s) || view.SoleReader(mean.Output[0]) is not { OpType: "Sub" } sub || !Attributes.IsDefault(sub)
            || sub.Input[0] != s || sub.Input[1] != mean.Output[0] || !view.OnlyFeeds(mean.Output[0], sub))
        {
            return null;
        }

        var readers = view.Graph.Consumers(s);
        if (readers.Count != 2 || !readers.Any(c => ReferenceEquals(c.Node, mean)) || !readers.Any(c => ReferenceEquals(c.Node, sub)))
        {
            return null;
        }

        string d = sub.Output[0];
        var dReaders = view.Graph.Consumers(d);
        var pow = dReaders.Select(c => c.Node).FirstOrDefault(n => n.OpType == "Pow" && Attributes.IsDefault(n) && n.Input.Count == 2 && n.Input[0] == d);
        var div = dReaders.Select(c => c.Node).FirstOrDefault(n => n.OpType == "Div" && Attributes.IsDefault(n) && n.Input.Count == 2 && n.Input[0] == d);
        if (dReaders.Count != 2 || view.IsGraphOutput(d) || pow is null || div is null || view.Constants.Scalar(pow.Input[1]) != 2f)
        {
            return null;
        }

        if (Next(view, pow, "ReduceMean") is not { } variance || !IsLastAxisMean(view, variance, pow.Output[0])
            || Next(view, variance, "Add") is not { } addEpsilon || Other(addEpsilon, variance.Output[0]) is not { } epsilonName
            || view.Constants.Scalar(epsilonName) is not { } epsilon || !(epsilon >= 0)
            || Next(view, addEpsilon, "Sqrt") is not { } sqrt || Next(view, sqrt, "Div") is not { } divide || !ReferenceEquals(divide, div)
            || div.Input[1] != sqrt.Output[0])
        {
            return null;
        }

        if (Next(view, div, "Mul") is not { } scale || Other(scale, div.Output[0]) is not { } gamma
            || Next(view, scale, "Add") is not { } shift || Other(shift, scale.Output[0]) is not { } beta
            || view.Shapes.ShapeOf(s) is not { Count: >= 2 } shape || Dims.Value(shape[^1]) is not { } hidden
            || !IsVector(view, gamma, hidden) || !IsVector(view, beta, hidden))
        {
            return null;
        }

        return new LayerNormMatch(s, gamma, beta, epsilon, hidden, shift.Output[0], [mean, sub, pow, variance, addEpsilon, sqrt, div, scale, shift]);
    }

    private static bool IsLastAxisMean(FusionView view, NodeProto node, string input)
    {
        if (node.OpType != "ReduceMean" || !Attributes.IsDefault(node) || node.Input.Count == 0 || node.Input[0] != input
            || Attributes.Int(node, "keepdims", 1) != 1 || view.Shapes.RankOf(input) is not { } rank)
        {
            return false;
        }

        var axes = Attributes.Axes(view.Shapes, node, 1, 18, out bool known);
        return known && axes is [var axis] && Dims.Axis(axis, rank) == rank - 1;
    }

    private static NodeProto? Next(FusionView view, NodeProto node, string opType)
    {
        string output = node.Output[0];
        return view.SoleReader(output) is { } next && next.OpType == opType && Attributes.IsDefault(next) && view.OnlyFeeds(output, next) ? next : null;
    }

    private static string? Other(NodeProto binary, string known) =>
        binary.Input.Count != 2 ? null : binary.Input[0] == known && binary.Input[1] != known ? binary.Input[1]
        : binary.Input[1] == known && binary.Input[0] != known ? binary.Input[0] : null;

    private static bool IsVector(FusionView view, string name, long size) =>
        view.Constants.Initializer(name) is { DataType: (int)DataType.Float, Dims: [var length] } && length == size;
}
