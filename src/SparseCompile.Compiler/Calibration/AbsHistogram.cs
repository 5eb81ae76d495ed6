namespace SparseCompile.Compiler.Calibration;

/// <summary>
/// A streaming histogram of |x| over [0, <see cref="Range"/>] with a fixed number of equal bins. When a batch holds a
/// magnitude past the range, the range grows by the smallest whole factor k that covers it and every k old bins merge
/// into one new bin, so counts are never split or estimated: the histogram stays exactly what binning every value
/// seen so far at the final bin width would give.
/// </summary>
internal sealed class AbsHistogram
{
    /// <summary>The bin count TensorRT's entropy calibrator uses.</summary>
    public const int DefaultBins = 2048;

    private long[] counts;

    /// <summary>Creates an empty histogram of <paramref name="bins"/> bins.</summary>
    public AbsHistogram(int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        counts = new long[bins];
    }

    /// <summary>The upper edge of the last bin; 0 until a nonzero magnitude is seen.</summary>
    public double Range { get; private set; }

    /// <summary>The width of one bin (0 while <see cref="Range"/> is 0).</summary>
    public double BinWidth => Range / counts.Length;

    /// <summary>The number of bins.</summary>
    public int BinCount => counts.Length;

    /// <summary>The count of each bin; bin i holds magnitudes in [i·width, (i+1)·width), the last also its upper edge.</summary>
    public ReadOnlySpan<long> Counts => counts;

    /// <summary>Values added so far.</summary>
    public long Total { get; private set; }

    /// <summary>Adds finite values; their largest magnitude is <paramref name="maxAbs"/> (known to the caller already).</summary>
    public void Add(ReadOnlySpan<float> values, float maxAbs)
    {
        if (maxAbs > Range)
        {
            Grow(maxAbs);
        }

        if (Range == 0)
        {
            counts[0] += values.Length; // every value is zero so far
            Total += values.Length;
            return;
        }

        int last = counts.Length - 1;
        double perUnit = counts.Length / Range;
        foreach (float v in values)
        {
            int bin = (int)(Math.Abs(v) * perUnit);
            counts[bin > last ? last : bin]++;
        }

        Total += values.Length;
    }

    private void Grow(float maxAbs)
    {
        if (Range == 0)
        {
            Range = maxAbs; // any zeros counted so far sit in bin 0 at every width
            return;
        }

        long factor = (long)Math.Ceiling(maxAbs / Range);
        while (Range * factor < maxAbs)
        {
            factor++;
        }

        var merged = new long[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            merged[i / factor] += counts[i];
        }

        counts = merged;
        Range *= factor;
    }
}
