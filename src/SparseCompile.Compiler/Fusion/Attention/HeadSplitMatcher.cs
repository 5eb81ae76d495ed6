using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>
/// Matches a projection split into heads: <c>Transpose(Reshape(p, [B, S, N, H]), perm)</c> with perm [0,2,1,3] for Q and V,
/// and [0,2,3,1] (or [0,2,1,3] then [0,1,3,2]) for K, which yields Kᵀ.
/// </summary>
internal static class HeadSplitMatcher
{
    private static readonly long[] Heads = [0, 2, 1, 3];
    private static readonly long[] HeadsTransposed = [0, 2, 3, 1];
    private static readonly long[] SwapLast = [0, 1, 3, 2];

    /// <summary>The head split producing <paramref name="value"/>, read only by <paramref name="reader"/>; null with a reason otherwise.</summary>
    public static HeadSplit? Match(FusionView view, string value, NodeProto reader, bool transposed, out string reason)
    {
        var transposes = new List<NodeProto>();
        var last = view.Producer(value, "Transpose");
        if (last is null || !view.OnlyFeeds(value, reader))
        {
            reason = $"'{value}' is not a Transpose read only by the attention block";
            return null;
        }

        transposes.Add(last);
        var perm = Attributes.Ints(last, "perm");
        if (transposed && perm is not null && perm.SequenceEqual(SwapLast)
            && view.Producer(last.Input[0], "Transpose") is { } first && Attributes.Ints(first, "perm") is { } firstPerm
            && firstPerm.SequenceEqual(Heads) && view.OnlyFeeds(last.Input[0], last))
        {
            transposes.Insert(0, first);
        }
        else if (perm is null || !perm.SequenceEqual(transposed ? HeadsTransposed : Heads))
        {
            reason = $"Transpose '{last.Name}' has perm [{string.Join(",", perm ?? [])}], not the attention layout";
            return null;
        }

        string split = transposes[0].Input[0];
        var reshape = view.Producer(split, "Reshape");
        if (reshape is not { Input.Count: 2 } || !view.OnlyFeeds(split, transposes[0]) || Attributes.Int(reshape, "allowzero", 0) != 0)
        {
            reason = $"'{split}' is not a Reshape read only by the attention block";
            return null;
        }

        if (ProjectionMatcher.Match(view, reshape.Input[0], reshape, out reason) is not { } projection)
        {
            return null;
        }

        if (!SplitsHeads(view, reshape, projection, out long heads, out long headSize))
        {
            reason = $"Reshape '{reshape.Name}' does not split [batch, sequence, hidden] into [batch, sequence, heads, head size]";
            return null;
        }

        reason = string.Empty;
        return new HeadSplit(projection, reshape, transposes, heads, headSize);
    }

    private static bool SplitsHeads(FusionView view, NodeProto reshape, Projection projection, out long heads, out long headSize)
    {
        heads = headSize = 0;
        var shape = view.Shapes.ShapeOf(projection.Output);
        var target = view.Shapes.ContentsOf(reshape.Input[1]);
        if (shape is not { Count: 3 } || target is not { Scalar: false, Items.Count: 4 }
            || Dims.Value(target.Items[2]) is not { } n || Dims.Value(target.Items[3]) is not { } h || n <= 0 || h <= 0)
        {
            return false;
        }

        heads = n;
        headSize = h;
        long hidden = view.Constants.Initializer(projection.Weight)!.Dims[1];
        if (heads * headSize != hidden || (Dims.Value(shape[2]) is { } last && last != hidden))
        {
            return false;
        }

        bool first = target.Items[0] == "0" || target.Items[0] == shape[0];
        bool second = target.Items[1] == "0" || target.Items[1] == shape[1];
        return (first && second) || (first && target.Items[1] == "-1") || (second && target.Items[0] == "-1");
    }
}
