using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Calibration;

/// <summary>Turns what an observer kept of a tensor into its calibrated range, by the chosen method.</summary>
internal static class RangeEstimator
{
    /// <summary>True when <paramref name="method"/> needs a histogram of |x|.</summary>
    public static bool NeedsHistogram(CalibrationMethod method) => method != CalibrationMethod.MinMax;

    /// <summary>The range of the tensor <paramref name="observer"/> watched.</summary>
    /// <param name="observer">The observer, after every sample.</param>
    /// <param name="method">The calibration method.</param>
    /// <param name="percentile">The percentile of |x|, for <see cref="CalibrationMethod.Percentile"/>.</param>
    public static CalibratedRange Estimate(TensorObserver observer, CalibrationMethod method, double percentile)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer.Count == 0)
        {
            return new CalibratedRange(observer.Name, 0, 0, 0, 0, observer.NonFinite);
        }

        float maxAbs = observer.MaxAbs;
        float threshold = method switch
        {
            CalibrationMethod.MinMax => maxAbs,
            CalibrationMethod.Percentile => PercentileThreshold.Compute(Histogram(observer), percentile, maxAbs),
            CalibrationMethod.Entropy => EntropyThreshold.Compute(Histogram(observer), maxAbs),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown calibration method"),
        };
        return new CalibratedRange(observer.Name, observer.Min, observer.Max, threshold, observer.Count, observer.NonFinite);
    }

    private static AbsHistogram Histogram(TensorObserver observer) =>
        observer.Histogram ?? throw new InvalidOperationException($"tensor '{observer.Name}' was observed without a histogram");
}
