using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class RestructureStatisticsTests
{
    private const bool T = true;
    private const bool F = false;

    [Fact]
    public void ComparesAnyTwoMasks()
    {
        // Unstructured keeps 0, 1, 2; N:M keeps 1, 3 (not a subset, as a mask from elsewhere might be).
        var statistics = RestructureStatistics.Compare([T, T, T, F], [F, T, F, T]);
        Assert.Equal(new RestructureStatistics(4, 3, 2, 3), statistics);
        Assert.Equal(1, statistics.BothKeptCount);
        Assert.Equal(0.5, statistics.Density);
        Assert.Equal(1.0 / 3, statistics.Retention, 12);
        Assert.Equal(0.75, statistics.HammingDistance);
        Assert.Throws<ArgumentException>(() => RestructureStatistics.Compare([T], [T, F]));
    }

    [Fact]
    public void DenseComparisonKeepsEverythingUnstructured()
    {
        var statistics = RestructureStatistics.CompareWithDense([T, F, F, T, F, F, F, F]);
        Assert.Equal(new RestructureStatistics(8, 8, 2, 6), statistics);
        Assert.Equal(0.25, statistics.Retention);
    }

    [Fact]
    public void AggregateWeighsByElementCount()
    {
        var small = new RestructureStatistics(4, 4, 2, 2);      // density 0.5, Hamming 0.5
        var large = new RestructureStatistics(12, 6, 3, 3);     // density 0.25, Hamming 0.25, retention 0.5
        var total = RestructureStatistics.Aggregate([small, large]);
        Assert.Equal(new RestructureStatistics(16, 10, 5, 5), total);
        Assert.Equal(((4 * 0.5) + (12 * 0.25)) / 16, total.Density);
        Assert.Equal(((4 * 0.5) + (12 * 0.25)) / 16, total.HammingDistance);
        Assert.Equal(0.5, total.Retention); // pooled: 5 of the 10 mask-kept weights survive
        Assert.Equal(new RestructureStatistics(0, 0, 0, 0), RestructureStatistics.Aggregate([]));
    }

    [Fact]
    public void ResultStatisticsAggregateOverRestructuredWeights()
    {
        var a = NMRestructurer.Restructure(SparsityGen.Values(1, 64, 1), SparsityGen.Mask(2, 64, 60), [8, 8], 0, Compiler.Analysis.NMPattern.TwoFour);
        var b = NMRestructurer.Restructure(SparsityGen.Values(3, 96, 1), [4, 24], 1, Compiler.Analysis.NMPattern.TwoFour);
        var total = RestructureStatistics.Aggregate([a.Statistics!, b.Statistics!]);
        Assert.Equal(160, total.ElementCount);
        Assert.Equal(a.Statistics!.KeptCount + b.Statistics!.KeptCount, total.KeptCount);
        Assert.Equal(((64 * a.Statistics.HammingDistance) + (96 * b.Statistics.HammingDistance)) / 160, total.HammingDistance, 12);
    }
}
