namespace SparseCompile.Compiler.Calibration;

/// <summary>The magnitude below which a given percentage of |x| lies, read off a histogram of |x|.</summary>
internal static class PercentileThreshold
{
    /// <summary>
    /// The <paramref name="percentile"/>-th percentile of the magnitudes in <paramref name="histogram"/>: the bin where
    /// the cumulative count reaches that share of the total, interpolated linearly inside the bin (so within one bin
    /// width of the exact order statistic), and never above <paramref name="maxAbs"/>, the largest magnitude seen.
    /// </summary>
    /// <param name="histogram">The histogram of |x|.</param>
    /// <param name="percentile">In (0, 100].</param>
    /// <param name="maxAbs">The largest magnitude seen.</param>
    public static float Compute(AbsHistogram histogram, double percentile, float maxAbs)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (!(percentile > 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "the percentile must be in (0, 100]");
        }

        if (histogram.Total == 0 || histogram.Range == 0)
        {
            return 0;
        }

        double target = histogram.Total * (percentile / 100);
        var counts = histogram.Counts;
        double below = 0;
        for (int bin = 0; bin < counts.Length; bin++)
        {
            long count = counts[bin];
            if (count > 0 && below + count >= target)
            {
                double within = Math.Clamp((target - below) / count, 0, 1);
                return (float)Math.Min((bin + within) * histogram.BinWidth, maxAbs);
            }

            below += count;
        }

        return maxAbs;
    }
}
