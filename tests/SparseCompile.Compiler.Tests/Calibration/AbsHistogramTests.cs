using SparseCompile.Compiler.Calibration;

namespace SparseCompile.Compiler.Tests.Calibration;

/// <summary>The streaming |x| histogram: growing the range merges whole bins, so nothing is estimated.</summary>
public class AbsHistogramTests
{
    [Fact]
    public void GrowingInBatchesGivesTheCountsOfBinningEverythingAtTheFinalWidth()
    {
        var values = Distributions.Normal(50_000, 3f, seed: 1);
        var histogram = new AbsHistogram(256);
        foreach (var batch in Distributions.Batches(values, 7))
        {
            histogram.Add(batch, batch.Max(Math.Abs));
        }

        var expected = new long[256];
        double width = histogram.Range / 256;
        foreach (float v in values)
        {
            expected[Math.Min(255, (int)Math.Floor(Math.Abs(v) / width))]++;
        }

        Assert.True(histogram.Range >= values.Max(Math.Abs));
        Assert.Equal(values.Length, histogram.Total);
        Assert.Equal(expected, histogram.Counts.ToArray());
    }

    [Fact]
    public void TheRangeGrowsByWholeFactorsOfTheFirstBatchsMaximum()
    {
        var histogram = new AbsHistogram(8);
        histogram.Add([1f, -2f], 2f);
        histogram.Add([0.5f, 5f], 5f);

        Assert.Equal(6.0, histogram.Range); // 2 × ceil(5 / 2)
        Assert.Equal(4, histogram.Total);
        Assert.Equal(new long[] { 1, 1, 1, 0, 0, 0, 1, 0 }, histogram.Counts.ToArray()); // 1 and 2 merged from bins 4 and 7
    }

    [Fact]
    public void ZerosBeforeTheFirstNonzeroValueStayInTheFirstBin()
    {
        var histogram = new AbsHistogram(4);
        histogram.Add([0f, 0f, 0f], 0f);
        Assert.Equal(0.0, histogram.Range);
        histogram.Add([4f, -1f], 4f);

        Assert.Equal(new long[] { 3, 1, 0, 1 }, histogram.Counts.ToArray());
    }
}
