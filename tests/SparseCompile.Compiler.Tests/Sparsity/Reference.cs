using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Tests.Sparsity;

/// <summary>
/// Slow, obviously correct versions of the sparsity computations, written independently of the
/// kernels: groups through <see cref="AxisGroups.GroupIndices"/>, ranking by sorting.
/// </summary>
internal static class Reference
{
    /// <summary>Magnitude order: every NaN above +∞ above finite |w|; +0 equals -0.</summary>
    public static (int IsNaN, float Abs) Magnitude(float value) => float.IsNaN(value) ? (1, 0f) : (0, Math.Abs(value));

    /// <summary>Per group, the N candidates of largest magnitude, lower position along the axis first on ties.</summary>
    public static bool[] Keep(float[] weights, bool[]? mask, long[] dims, int axis, NMPattern pattern)
    {
        var groups = AxisGroups.Create(dims, axis, pattern.M);
        var keep = new bool[weights.Length];
        for (long g = 0; g < groups.GroupCount; g++)
        {
            var chosen = groups.GroupIndices(g)
                .Select((flat, position) => (Flat: (int)flat, Position: position))
                .Where(e => mask is null || mask[e.Flat])
                .OrderByDescending(e => Magnitude(weights[e.Flat]))
                .ThenBy(e => e.Position)
                .Take(pattern.N);
            foreach (var e in chosen)
            {
                keep[e.Flat] = true;
            }
        }

        return keep;
    }

    /// <summary>The <paramref name="count"/> largest magnitudes of the concatenation, earlier positions first on ties.</summary>
    public static bool[][] KeepLargest(IReadOnlyList<float[]> tensors, long count)
    {
        var masks = tensors.Select(t => new bool[t.Length]).ToArray();
        var all = tensors.SelectMany((t, ti) => t.Select((v, i) => (Tensor: ti, Index: i, Value: v)))
            .Select((e, order) => (e.Tensor, e.Index, e.Value, Order: order))
            .OrderByDescending(e => Magnitude(e.Value))
            .ThenBy(e => e.Order)
            .Take((int)Math.Max(0, count));
        foreach (var e in all)
        {
            masks[e.Tensor][e.Index] = true;
        }

        return masks;
    }

    /// <summary>Counts element by element.</summary>
    public static (long Total, long MaskKept, long Kept, long Differing) Counts(bool[] mask, bool[] keep)
    {
        long maskKept = 0, kept = 0, differing = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            maskKept += mask[i] ? 1 : 0;
            kept += keep[i] ? 1 : 0;
            differing += mask[i] != keep[i] ? 1 : 0;
        }

        return (mask.Length, maskKept, kept, differing);
    }
}
