namespace SparseCompile.Compiler.Calibration;

/// <summary>
/// TensorRT's entropy calibration on a histogram of |x|: for every candidate clip point at the upper edge of bin i
/// (i from 128 to the bin count), the reference distribution P is bins [0, i) with every count beyond folded into
/// bin i-1, and the candidate Q merges the same bins (without the folded outliers) into 128 levels, the int8
/// symmetric magnitudes, then spreads each level's count evenly over its bins where P is nonzero. The clip point
/// with the smallest KL(P ‖ Q) wins: it balances the error of clipping outliers against the rounding error that a
/// wider range brings to every other value. As in NVIDIA's pytorch-quantization, the first bin's count is replaced by
/// its neighbour's: after a Relu half of all values are exactly 0, and that spike, which every clip point represents
/// exactly, would otherwise dominate the divergence and push the threshold far too low. A histogram with fewer than
/// <see cref="MinimumPerBin"/> values per bin on average is first merged into fewer, wider bins (never fewer than 128):
/// a divergence between sparse, noisy histograms says nothing, and with 128 bins the only candidate is the full range.
/// </summary>
internal static class EntropyThreshold
{
    /// <summary>Quantized magnitude levels of int8 symmetric (0 to 127).</summary>
    public const int Levels = 128;

    /// <summary>The fewest values per bin, on average, the search works with.</summary>
    public const int MinimumPerBin = 16;

    // Stands in for Q where a level holds only folded outliers, so P > 0 meets Q = 0: an all but forbidden clip point.
    private const double Epsilon = 1e-9;

    /// <summary>The chosen threshold (at most <paramref name="maxAbs"/>), or 0 for an empty or all-zero histogram.</summary>
    public static float Compute(AbsHistogram histogram, float maxAbs)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Total == 0 || histogram.Range == 0)
        {
            return 0;
        }

        int bins = histogram.BinCount;
        if (bins < Levels)
        {
            return maxAbs;
        }

        int factor = 1;
        while (bins % (factor * 2) == 0 && bins / (factor * 2) >= Levels && histogram.Total < (long)MinimumPerBin * (bins / factor))
        {
            factor *= 2;
        }

        bins /= factor;
        var counts = new long[bins];
        var original = histogram.Counts;
        for (int b = 0; b < original.Length; b++)
        {
            counts[b / factor] += original[b];
        }

        counts[0] = counts[1];
        long total = counts.Sum();
        if (total == 0)
        {
            return maxAbs;
        }

        var prefix = new Prefix(counts);
        int best = bins;
        double bestDivergence = double.PositiveInfinity;
        for (int i = Levels; i <= bins; i++)
        {
            double divergence = Divergence(prefix, i, total);
            if (divergence <= bestDivergence)
            {
                bestDivergence = divergence;
                best = i;
            }
        }

        return (float)Math.Min(best * (histogram.Range / bins), maxAbs);
    }

    /// <summary>KL(P ‖ Q) for the clip point at the upper edge of bin <paramref name="clip"/> - 1.</summary>
    internal static double Divergence(Prefix prefix, int clip, long total)
    {
        double outliers = prefix.Count(clip, prefix.Bins);
        double totalP = total;
        double totalQ = total - outliers;
        double logTotalP = Math.Log(totalP);
        double last = prefix.At(clip - 1) + outliers;
        double sum = 0;
        for (int level = 0; level < Levels; level++)
        {
            int start = (int)((long)level * clip / Levels);
            int end = (int)((long)(level + 1) * clip / Levels);
            if (end <= start)
            {
                continue;
            }

            bool holdsLast = end == clip;
            int plainEnd = holdsLast ? clip - 1 : end;
            double levelCount = prefix.Count(start, end);
            double mass = prefix.Count(start, plainEnd) + (holdsLast ? last : 0);
            if (mass == 0)
            {
                continue;
            }

            double nonzero = prefix.Nonzero(start, plainEnd) + (holdsLast && last > 0 ? 1 : 0);
            double massLogMass = prefix.CountLogCount(start, plainEnd) + (holdsLast && last > 0 ? last * Math.Log(last) : 0);

            // Σ P ln(P / TP) − Σ P ln(q / TQ), with q = levelCount / nonzero on every bin of the level where P > 0.
            double logQ = levelCount > 0 ? Math.Log(levelCount / nonzero / totalQ) : Math.Log(Epsilon);
            sum += massLogMass - (mass * logTotalP) - (mass * logQ);
        }

        return sum / totalP;
    }

    /// <summary>Prefix sums over the bins: counts, nonzero bins, and count·ln(count).</summary>
    internal sealed class Prefix
    {
        private readonly long[] counts;
        private readonly double[] countSums;
        private readonly int[] nonzeroSums;
        private readonly double[] countLogCountSums;

        public Prefix(ReadOnlySpan<long> histogram)
        {
            counts = histogram.ToArray();
            countSums = new double[counts.Length + 1];
            nonzeroSums = new int[counts.Length + 1];
            countLogCountSums = new double[counts.Length + 1];
            for (int b = 0; b < counts.Length; b++)
            {
                long c = counts[b];
                countSums[b + 1] = countSums[b] + c;
                nonzeroSums[b + 1] = nonzeroSums[b] + (c > 0 ? 1 : 0);
                countLogCountSums[b + 1] = countLogCountSums[b] + (c > 0 ? c * Math.Log(c) : 0);
            }
        }

        public int Bins => counts.Length;

        public double At(int bin) => counts[bin];

        public double Count(int start, int end) => countSums[end] - countSums[start];

        public int Nonzero(int start, int end) => nonzeroSums[end] - nonzeroSums[start];

        public double CountLogCount(int start, int end) => countLogCountSums[end] - countLogCountSums[start];
    }
}
