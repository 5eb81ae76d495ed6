using CsCheck;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class NMRestructurerPropertyTests
{
    private const int Iterations = 300;

    [Fact]
    public void EveryGroupKeepsAtMostNAndOnlyWhatTheMaskKeeps()
    {
        SparsityGen.Case().Sample(c =>
        {
            var result = NMRestructurer.Restructure(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern);
            var groups = AxisGroups.Create(c.Dims, c.Axis, c.Pattern.M);
            Assert.Equal(groups.IsDivisible, result.IsApplicable);
            if (!result.IsApplicable)
            {
                Assert.Null(result.Keep);
                Assert.Null(result.Statistics);
                Assert.NotNull(result.NotApplicableReason);
                return;
            }

            var keep = result.Keep!;
            Assert.Equal(groups.GroupCount, result.GroupCount);
            for (long g = 0; g < groups.GroupCount; g++)
            {
                Assert.True(groups.GroupIndices(g).Count(i => keep[i]) <= c.Pattern.N);
            }

            for (int i = 0; i < keep.Length; i++)
            {
                Assert.True(!keep[i] || c.Mask[i], $"kept {i}, which the mask prunes");
            }

            // The N:M check of the applied weights agrees, whatever the kept values are, once they are nonzero.
            var ones = keep.Select(k => k ? 1f : 0f).ToArray();
            Assert.True(NMSparsityChecker.Check(ones, c.Dims, c.Axis, c.Pattern).IsCompliant);
        }, iter: Iterations);
    }

    [Fact]
    public void MatchesTheReferenceWithAndWithoutAMask()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            var masked = NMRestructurer.Restructure(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern);
            Assert.Equal(Reference.Keep(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern), masked.Keep);

            var dense = NMRestructurer.Restructure(c.Weights, c.Dims, c.Axis, c.Pattern);
            Assert.Equal(Reference.Keep(c.Weights, null, c.Dims, c.Axis, c.Pattern), dense.Keep);
        }, iter: Iterations);
    }

    [Fact]
    public void WithoutAMaskEveryGroupKeepsExactlyItsNLargest()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            var keep = NMRestructurer.Restructure(c.Weights, c.Dims, c.Axis, c.Pattern).Keep!;
            var groups = AxisGroups.Create(c.Dims, c.Axis, c.Pattern.M);
            for (long g = 0; g < groups.GroupCount; g++)
            {
                var indices = groups.GroupIndices(g);
                var kept = indices.Where(i => keep[i]).ToArray();
                var dropped = indices.Where(i => !keep[i]).ToArray();
                Assert.Equal(c.Pattern.N, kept.Length);
                foreach (long k in kept)
                {
                    foreach (long d in dropped)
                    {
                        // A kept weight is larger, or equal and earlier along the axis.
                        int order = Reference.Magnitude(c.Weights[k]).CompareTo(Reference.Magnitude(c.Weights[d]));
                        Assert.True(order > 0 || (order == 0 && k < d), $"kept {k} over {d}");
                    }
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RestructuringAnNMMaskChangesNothing()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            var first = NMRestructurer.Restructure(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern).Keep!;

            // Whatever the weights now are, a mask that already is N:M comes back as it is.
            var other = SparsityGen.Values(c.Weights.Length, c.Weights.Length, 1);
            Assert.Equal(first, NMRestructurer.Restructure(other, first, c.Dims, c.Axis, c.Pattern).Keep);
            Assert.Equal(first, NMRestructurer.Restructure(c.Weights, first, c.Dims, c.Axis, c.Pattern).Keep);
        }, iter: Iterations);
    }

    [Fact]
    public void FastAndGenericKernelsAgree()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            foreach (bool masked in new[] { true, false })
            {
                var generic = Run(c, masked, KernelChoice.Generic);
                var auto = Run(c, masked, KernelChoice.Auto);
                Assert.Equal(generic.Keep, auto.Keep);
                Assert.Equal(generic.Statistics, auto.Statistics);
                if (c.Pattern.M == 4)
                {
                    var scalar = Run(c, masked, KernelChoice.FourScalar);
                    Assert.Equal(generic.Keep, scalar.Keep);
                    Assert.Equal(generic.Statistics, scalar.Statistics);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void FastKernelHandlesEveryStrideAndTail()
    {
        // 2:4 on [outer, 4·groups, inner] for inner 1..40 (vector steps of 8 plus every tail length) and
        // contiguous runs of 1..12 steps of 32 plus tails; compared with the reference.
        var gen =
            from outer in Gen.Int[1, 3]
            from groups in Gen.Int[1, 12]
            from inner in Gen.Int[1, 40]
            from n in Gen.Int[1, 3]
            from seed in Gen.Int
            from style in Gen.Int[0, 2]
            from percent in Gen.OneOf(0, 50, 100)
            select (Dims: new long[] { outer, 4 * groups, inner }, N: n, Seed: seed, Style: style, Percent: percent);
        gen.Sample(t =>
        {
            int count = (int)(t.Dims[0] * t.Dims[1] * t.Dims[2]);
            var weights = SparsityGen.Values(t.Seed, count, t.Style);
            var mask = SparsityGen.Mask(t.Seed + 1, count, t.Percent);
            var pattern = new NMPattern(t.N, 4);
            Assert.Equal(Reference.Keep(weights, mask, t.Dims, 1, pattern), NMRestructurer.Restructure(weights, mask, t.Dims, 1, pattern).Keep);
            Assert.Equal(Reference.Keep(weights, null, t.Dims, 1, pattern), NMRestructurer.Restructure(weights, t.Dims, 1, pattern).Keep);
        }, iter: Iterations);
    }

    [Fact]
    public void StatisticsEqualABruteForceCount()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            var masked = NMRestructurer.Restructure(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern);
            AssertCounts(Reference.Counts(c.Mask, masked.Keep!), masked.Statistics!);
            Assert.Equal(RestructureStatistics.Compare(c.Mask, masked.Keep), masked.Statistics);

            var dense = NMRestructurer.Restructure(c.Weights, c.Dims, c.Axis, c.Pattern);
            var all = Enumerable.Repeat(true, c.Weights.Length).ToArray();
            AssertCounts(Reference.Counts(all, dense.Keep!), dense.Statistics!);
            Assert.Equal(RestructureStatistics.CompareWithDense(dense.Keep), dense.Statistics);
        }, iter: Iterations);
    }

    [Fact]
    public void InPlaceRestructuringOfAMaskMatchesTheCopy()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            var expected = NMRestructurer.Restructure(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern);
            var buffer = (bool[])c.Mask.Clone();
            var result = NMRestructurer.RestructureInto(c.Weights, buffer, c.Dims, c.Axis, c.Pattern, buffer);
            Assert.Null(result.Keep);
            Assert.Equal(expected.Keep, buffer);
            Assert.Equal(expected.Statistics, result.Statistics);
        }, iter: Iterations);
    }

    [Fact]
    public void ApplyZeroesExactlyTheUnkept()
    {
        SparsityGen.Case(allowIndivisible: false).Sample(c =>
        {
            var keep = NMRestructurer.Restructure(c.Weights, c.Mask, c.Dims, c.Axis, c.Pattern).Keep!;
            var copy = new float[c.Weights.Length];
            MaskApplier.Apply(c.Weights, keep, copy);
            var inPlace = (float[])c.Weights.Clone();
            MaskApplier.Apply(inPlace, keep);
            for (int i = 0; i < keep.Length; i++)
            {
                int expected = keep[i] ? BitConverter.SingleToInt32Bits(c.Weights[i]) : 0;
                Assert.Equal(expected, BitConverter.SingleToInt32Bits(copy[i]));
                Assert.Equal(expected, BitConverter.SingleToInt32Bits(inPlace[i]));
            }
        }, iter: Iterations);
    }

    private static NMRestructureResult Run(SparsityCase c, bool masked, KernelChoice kernel) =>
        NMRestructurer.Run(c.Weights, masked ? c.Mask : default, masked, c.Dims, c.Axis, c.Pattern, default, true, kernel);

    private static void AssertCounts((long Total, long MaskKept, long Kept, long Differing) counts, RestructureStatistics statistics)
    {
        Assert.Equal(counts.Total, statistics.ElementCount);
        Assert.Equal(counts.MaskKept, statistics.MaskKeptCount);
        Assert.Equal(counts.Kept, statistics.KeptCount);
        Assert.Equal(counts.Differing, statistics.DifferingCount);
        double total = Math.Max(1, counts.Total);
        Assert.Equal(counts.Kept / total, statistics.Density, 12);
        Assert.Equal(counts.Differing / total, statistics.HammingDistance, 12);
        Assert.Equal(counts.MaskKept == 0 ? 1 : (double)counts.Kept / counts.MaskKept, statistics.Retention, 12);
    }
}
