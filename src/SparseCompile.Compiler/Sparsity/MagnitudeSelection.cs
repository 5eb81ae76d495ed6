namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// Exact top-k by magnitude over one or more tensors taken in order as one sequence, without sorting or
/// copying: a two-pass radix select over the 31-bit <see cref="MagnitudeKey"/> (high 15 bits, then low 16)
/// finds the key of the k-th largest, and a third pass writes the masks. Ties at that key go to the
/// earliest positions (lower tensor index, then lower element index). Memory: two histograms (768 KB).
/// </summary>
internal static class MagnitudeSelection
{
    private const int LowBits = 16;
    private const int HighBins = (MagnitudeKey.NaN >> LowBits) + 1;
    private const int LowBins = 1 << LowBits;

    /// <summary>Keep-masks (one per tensor, same lengths) keeping the <paramref name="count"/> largest magnitudes of all tensors together.</summary>
    public static bool[][] KeepLargest(IReadOnlyList<float[]> tensors, long count)
    {
        long total = tensors.Sum(t => (long)t.Length);
        var masks = tensors.Select(t => new bool[t.Length]).ToArray();
        if (count <= 0)
        {
            return masks;
        }

        if (count >= total)
        {
            foreach (var mask in masks)
            {
                Array.Fill(mask, true);
            }

            return masks;
        }

        var (threshold, ties) = FindThreshold(tensors, count);
        for (int t = 0; t < tensors.Count; t++)
        {
            var values = tensors[t];
            var mask = masks[t];
            for (int i = 0; i < values.Length; i++)
            {
                int key = MagnitudeKey.Of(values[i]);
                bool keep = key > threshold;
                if (key == threshold && ties > 0)
                {
                    keep = true; // rare: only ties at the threshold take this branch
                    ties--;
                }

                mask[i] = keep;
            }
        }

        return masks;
    }

    /// <summary>The key of the <paramref name="count"/>-th largest (1 ≤ count &lt; total), and how many keys equal to it are kept.</summary>
    private static (int Threshold, long Ties) FindThreshold(IReadOnlyList<float[]> tensors, long count)
    {
        var high = new long[HighBins];
        foreach (var values in tensors)
        {
            foreach (float v in values)
            {
                high[MagnitudeKey.Of(v) >> LowBits]++;
            }
        }

        var (highBin, remaining) = FindBin(high, count);
        var low = new long[LowBins];
        foreach (var values in tensors)
        {
            foreach (float v in values)
            {
                int key = MagnitudeKey.Of(v);
                if (key >> LowBits == highBin)
                {
                    low[key & (LowBins - 1)]++;
                }
            }
        }

        var (lowBin, ties) = FindBin(low, remaining);
        return ((highBin << LowBits) | lowBin, ties);
    }

    /// <summary>Walks bins from the top; returns the bin holding the <paramref name="count"/>-th largest and its rank inside that bin.</summary>
    private static (int Bin, long Remaining) FindBin(long[] histogram, long count)
    {
        long above = 0;
        for (int bin = histogram.Length - 1; bin >= 0; bin--)
        {
            if (above + histogram[bin] >= count)
            {
                return (bin, count - above);
            }

            above += histogram[bin];
        }

        throw new InvalidOperationException("the histogram holds fewer elements than requested");
    }
}
