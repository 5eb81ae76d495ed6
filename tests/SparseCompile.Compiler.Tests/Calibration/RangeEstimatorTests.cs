using SparseCompile.Compiler.Calibration;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Tests.Calibration;

/// <summary>Min/max, percentile and entropy ranges on synthetic activations, against references computed directly.</summary>
public class RangeEstimatorTests
{
    [Fact]
    public void MinMaxIsTheExactExtremesOverEveryBatch()
    {
        var values = Distributions.Normal(20_000, 2f, seed: 3).Select(v => v + 0.5f).ToArray();
        var observer = Observe(values, CalibrationMethod.MinMax, batches: 9);

        var range = RangeEstimator.Estimate(observer, CalibrationMethod.MinMax, 99.99);

        Assert.Equal(values.Min(), range.ObservedMin);
        Assert.Equal(values.Max(), range.ObservedMax);
        Assert.Equal(values.Max(Math.Abs), range.Threshold);
        Assert.Equal(values.Length, range.Count);
        Assert.Null(observer.Histogram);
    }

    [Theory]
    [InlineData(99.99)]
    [InlineData(99.9)]
    [InlineData(90.0)]
    [InlineData(50.0)]
    public void PercentileMatchesTheSortedMagnitudesWithinOneBin(double percentile)
    {
        var values = Distributions.Laplace(200_000, 1f, seed: 5);
        var observer = Observe(values, CalibrationMethod.Percentile, batches: 5);

        var range = RangeEstimator.Estimate(observer, CalibrationMethod.Percentile, percentile);

        var sorted = values.Select(Math.Abs).Order().ToArray();
        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        double binWidth = observer.Histogram!.BinWidth;
        Assert.InRange(range.Threshold, sorted[rank] - binWidth, sorted[rank] + binWidth);
    }

    [Fact]
    public void PercentileOfOneHundredIsTheLargestMagnitude()
    {
        var values = Distributions.Uniform(10_000, 4f, seed: 6);
        var observer = Observe(values, CalibrationMethod.Percentile, batches: 3);

        Assert.Equal(values.Max(Math.Abs), RangeEstimator.Estimate(observer, CalibrationMethod.Percentile, 100).Threshold);
    }

    [Fact]
    public void EntropyClipsRareOutliersWellBelowTheMaximum()
    {
        var values = Distributions.NormalWithOutliers(500_000, seed: 7);
        var observer = Observe(values, CalibrationMethod.Entropy, batches: 4);

        var range = RangeEstimator.Estimate(observer, CalibrationMethod.Entropy, 99.99);

        float max = values.Max(Math.Abs);
        Assert.InRange(range.Threshold, 3f, 0.3f * max); // past 3 sigma of the bulk, far below the outliers
    }

    [Fact]
    public void EntropyClipsTheTailOfALaplaceDistribution()
    {
        var values = Distributions.Laplace(500_000, 1f, seed: 7);
        var observer = Observe(values, CalibrationMethod.Entropy, batches: 4);

        var range = RangeEstimator.Estimate(observer, CalibrationMethod.Entropy, 99.99);

        float max = values.Max(Math.Abs);
        Assert.InRange(range.Threshold, 0.3f * max, 0.9f * max);
    }

    [Fact]
    public void EntropyKeepsNearlyAllOfAUniformRange()
    {
        var values = Distributions.Uniform(500_000, 2f, seed: 8);
        var observer = Observe(values, CalibrationMethod.Entropy, batches: 4);

        var range = RangeEstimator.Estimate(observer, CalibrationMethod.Entropy, 99.99);

        float max = values.Max(Math.Abs);
        Assert.InRange(range.Threshold, 0.97f * max, max);
    }

    [Fact]
    public void EntropyIsNotPulledDownByTheZerosARelu()
    {
        var normal = Distributions.Normal(400_000, 1f, seed: 9);
        var positive = normal.Where(v => v > 0).ToArray();
        var relu = Distributions.Relu(normal);

        float plain = RangeEstimator.Estimate(Observe(positive, CalibrationMethod.Entropy, 2), CalibrationMethod.Entropy, 99.99).Threshold;
        float withZeros = RangeEstimator.Estimate(Observe(relu, CalibrationMethod.Entropy, 2), CalibrationMethod.Entropy, 99.99).Threshold;

        Assert.InRange(withZeros, 0.9f * plain, 1.1f * plain);
        Assert.True(withZeros > 2.5f, $"a half-normal's 8-bit clip point lies past 2.5 sigma, got {withZeros}");
    }

    [Fact]
    public void EntropyWithTooFewValuesToJudgeKeepsTheFullRange()
    {
        var values = Distributions.Laplace(500, 1f, seed: 10);
        var observer = Observe(values, CalibrationMethod.Entropy, batches: 2);

        Assert.Equal(values.Max(Math.Abs), RangeEstimator.Estimate(observer, CalibrationMethod.Entropy, 99.99).Threshold);
    }

    [Fact]
    public void NonFiniteValuesAreCountedAndLeftOutOfTheRange()
    {
        var observer = new TensorObserver("t", withHistogram: true);
        observer.Observe([1f, float.NaN, -3f, float.PositiveInfinity, 2f]);

        var range = RangeEstimator.Estimate(observer, CalibrationMethod.Percentile, 100);

        Assert.Equal((-3f, 2f, 3f, 3L, 2L), (range.ObservedMin, range.ObservedMax, range.Threshold, range.Count, range.NonFinite));
        Assert.False(range.IsUsable);
    }

    [Fact]
    public void RangesForSymmetricAndAsymmetricQuantization()
    {
        var range = new CalibratedRange("t", -1f, 6f, 4f, 10);

        Assert.Equal((-4f, 4f), range.Symmetric);
        Assert.Equal((-1f, 4f), range.Asymmetric);
        Assert.Equal((0f, 3f), new CalibratedRange("relu", 0f, 5f, 3f, 10).Asymmetric);
    }

    private static TensorObserver Observe(float[] values, CalibrationMethod method, int batches)
    {
        var observer = new TensorObserver("t", RangeEstimator.NeedsHistogram(method));
        foreach (var batch in Distributions.Batches(values, batches))
        {
            observer.Observe(batch);
        }

        return observer;
    }
}
