using CsCheck;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class MagnitudeMasksTests
{
    private const bool T = true;
    private const bool F = false;

    [Fact]
    public void LayerWiseAndGlobalDifferAsExpected()
    {
        // a is small everywhere, b large everywhere. Keeping half:
        // layer-wise keeps the top half of each; global ranks all 12 together and keeps only b's largest 6.
        (string, float[])[] weights =
        [
            ("a", [1, -4, 3, 2]),
            ("b", [10, -20, 30, 40, 50, -60, 70, 80]),
        ];

        var layerWise = MagnitudeMasks.LayerWise(weights, 0.5);
        Assert.Equal([F, T, T, F], layerWise["a"]);
        Assert.Equal([F, F, F, F, T, T, T, T], layerWise["b"]);

        var global = MagnitudeMasks.Global(weights, 0.5);
        Assert.Equal([F, F, F, F], global["a"]);
        Assert.Equal([F, F, T, T, T, T, T, T], global["b"]);
        Assert.Equal(["a", "b"], global.Keys);
    }

    [Fact]
    public void GlobalTiesGoToTheEarlierTensorThenTheLowerIndex()
    {
        (string, float[])[] weights = [("x", [2, 1, -2]), ("y", [2, -2, 3])];

        // Keep 3 of 6: 3 first, then two of the four 2s: x[0] and x[2].
        var global = MagnitudeMasks.Global(weights, 0.5);
        Assert.Equal([T, F, T], global["x"]);
        Assert.Equal([F, F, T], global["y"]);
    }

    [Fact]
    public void CountsAreRoundedHalfAwayFromZero()
    {
        Assert.Equal(2, MagnitudeMasks.KeptCount(0.5, 3));
        Assert.Equal(1, MagnitudeMasks.KeptCount(0.25, 2));
        Assert.Equal(3, MagnitudeMasks.KeptCount(0.1, 30));
        Assert.Equal(0, MagnitudeMasks.KeptCount(0, 100));
        Assert.Equal(100, MagnitudeMasks.KeptCount(1, 100));

        var masks = MagnitudeMasks.LayerWise([("w", [1f, 1f, 1f])], 0.5);
        Assert.Equal([T, T, F], masks["w"]);
    }

    [Fact]
    public void NaNRanksFirstAndSignsDoNotMatter()
    {
        float[] values = [-0f, float.NaN, float.NegativeInfinity, 5, -5, 0];
        Assert.Equal([F, T, F, F, F, F], MagnitudeMasks.KeepLargest(values, 1));
        Assert.Equal([F, T, T, F, F, F], MagnitudeMasks.KeepLargest(values, 2));
        Assert.Equal([F, T, T, T, T, F], MagnitudeMasks.KeepLargest(values, 4));
        Assert.Equal([T, T, T, T, T, F], MagnitudeMasks.KeepLargest(values, 5)); // -0 ties +0: the earlier one
        Assert.Equal([F, F, F, F, F, F], MagnitudeMasks.KeepLargest(values, 0));
        Assert.Equal([T, T, T, T, T, T], MagnitudeMasks.KeepLargest(values, 6));
    }

    [Fact]
    public void RejectsBadInputs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudeMasks.LayerWise([("w", [1f])], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudeMasks.Global([("w", [1f])], double.NaN));
        Assert.Throws<ArgumentException>(() => MagnitudeMasks.Global([("w", [1f]), ("w", [2f])], 0.5));
        Assert.Throws<ArgumentException>(() => MagnitudeMasks.LayerWise([("w", null!)], 0.5));
    }

    [Fact]
    public void LayerWiseKeepsExactlyTheTopCountOfEachWeight()
    {
        Tensors.Sample(t =>
        {
            var masks = MagnitudeMasks.LayerWise(t.Weights, t.Density);
            foreach (var (name, values) in t.Weights)
            {
                var mask = masks[name];
                Assert.Equal(MagnitudeMasks.KeptCount(t.Density, values.Length), mask.LongCount(k => k));
                Assert.Equal(Reference.KeepLargest([values], MagnitudeMasks.KeptCount(t.Density, values.Length))[0], mask);
            }
        }, iter: 200);
    }

    [Fact]
    public void GlobalKeepsExactlyTheTopCountOfAllWeightsTogether()
    {
        Tensors.Sample(t =>
        {
            var masks = MagnitudeMasks.Global(t.Weights, t.Density);
            long total = t.Weights.Sum(w => (long)w.Values.Length);
            long count = MagnitudeMasks.KeptCount(t.Density, total);
            Assert.Equal(count, masks.Values.Sum(m => m.LongCount(k => k)));
            var expected = Reference.KeepLargest(t.Weights.Select(w => w.Values).ToArray(), count);
            for (int i = 0; i < t.Weights.Length; i++)
            {
                Assert.Equal(expected[i], masks[t.Weights[i].Name]);
            }
        }, iter: 200);
    }

    /// <summary>1 to 4 named tensors of up to 3000 values in every style (ties, wide spreads, specials) and a density.</summary>
    private static readonly Gen<((string Name, float[] Values)[] Weights, double Density)> Tensors =
        from sizes in Gen.Int[0, 3000].Array[1, 4]
        from seed in Gen.Int
        from style in Gen.Int[0, 2]
        from density in Gen.Frequency((3, Gen.Double[0, 1]), (1, Gen.OneOf(0.0, 0.5, 1.0)))
        select (sizes.Select((n, i) => ($"w{i}", SparsityGen.Values(seed + i, n, style))).ToArray(), density);
}
