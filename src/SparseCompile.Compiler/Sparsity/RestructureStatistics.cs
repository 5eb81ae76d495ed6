namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// How an N:M keep-mask compares with the unstructured mask it came from (for a dense weight, the
/// unstructured mask keeps everything). Counts add up over weights, so <see cref="Aggregate"/> of
/// several weights gives density and Hamming distance averaged by element count.
/// </summary>
/// <param name="ElementCount">The number of weights.</param>
/// <param name="MaskKeptCount">Weights the unstructured mask keeps (all of them for a dense weight).</param>
/// <param name="KeptCount">Weights the N:M mask keeps.</param>
/// <param name="DifferingCount">Positions where the two masks disagree.</param>
public sealed record RestructureStatistics(long ElementCount, long MaskKeptCount, long KeptCount, long DifferingCount)
{
    /// <summary>The fraction of weights the N:M mask keeps: kept / total (0 for an empty tensor).</summary>
    public double Density => ElementCount == 0 ? 0 : (double)KeptCount / ElementCount;

    /// <summary>Weights both masks keep: (mask-kept + kept - differing) / 2.</summary>
    public long BothKeptCount => (MaskKeptCount + KeptCount - DifferingCount) / 2;

    /// <summary>
    /// The fraction of the unstructured mask's kept weights that the N:M mask keeps too: both-kept / mask-kept,
    /// which is kept / mask-kept when restructuring made the N:M mask a subset of the unstructured one;
    /// 1 when the unstructured mask keeps nothing. Over an <see cref="Aggregate"/> it is pooled: the share
    /// of all mask-kept weights that survive.
    /// </summary>
    public double Retention => MaskKeptCount == 0 ? 1 : (double)BothKeptCount / MaskKeptCount;

    /// <summary>The normalised Hamming distance between the two masks: differing / total (0 for an empty tensor).</summary>
    public double HammingDistance => ElementCount == 0 ? 0 : (double)DifferingCount / ElementCount;

    /// <summary>Compares an N:M keep-mask with the unstructured mask it came from, element by element.</summary>
    /// <exception cref="ArgumentException">The masks differ in length.</exception>
    public static RestructureStatistics Compare(ReadOnlySpan<bool> unstructured, ReadOnlySpan<bool> structured)
    {
        if (unstructured.Length != structured.Length)
        {
            throw new ArgumentException($"the masks differ in length ({unstructured.Length} and {structured.Length})", nameof(structured));
        }

        return new RestructureStatistics(
            unstructured.Length,
            MaskCounting.CountTrue(unstructured),
            MaskCounting.CountTrue(structured),
            MaskCounting.CountDifferent(unstructured, structured));
    }

    /// <summary>Compares an N:M keep-mask with a dense weight (an unstructured mask that keeps everything).</summary>
    public static RestructureStatistics CompareWithDense(ReadOnlySpan<bool> structured)
    {
        long kept = MaskCounting.CountTrue(structured);
        return new RestructureStatistics(structured.Length, structured.Length, kept, structured.Length - kept);
    }

    /// <summary>Sums the counts of several weights: the statistics of all of them taken as one tensor.</summary>
    public static RestructureStatistics Aggregate(IEnumerable<RestructureStatistics> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        long total = 0, maskKept = 0, kept = 0, differing = 0;
        foreach (var w in weights)
        {
            ArgumentNullException.ThrowIfNull(w, nameof(weights));
            total += w.ElementCount;
            maskKept += w.MaskKeptCount;
            kept += w.KeptCount;
            differing += w.DifferingCount;
        }

        return new RestructureStatistics(total, maskKept, kept, differing);
    }
}
