namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// The Early-Bird rule (You et al., ICLR 2020): keep the masks of the last <c>window</c> checkpoints (one
/// per epoch); a ticket has emerged at the first checkpoint whose mask is within <c>threshold</c> normalised
/// Hamming distance (1 − matching / total, over all tensors together) of each of the window − 1 masks before
/// it. As in the reference code (GATECH-EIC/Early-Bird-Tickets) the test is distance ≤ threshold, and nothing
/// fires before the window is full. Pure: masks in, report out.
/// </summary>
public static class EarlyBird
{
    /// <summary>The paper's threshold: 0.1.</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>The paper's window: the last 5 masks.</summary>
    public const int DefaultWindow = 5;

    /// <summary>Runs the rule over mask sets in training order.</summary>
    /// <param name="checkpoints">One mask set (name → keep-mask) per checkpoint; every set holds the same names and lengths.</param>
    /// <param name="threshold">The largest distance allowed, in [0, 1].</param>
    /// <param name="window">The number of masks compared, at least 2.</param>
    /// <exception cref="ArgumentException">Two mask sets differ in names or lengths, or a set is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold or the window is out of range.</exception>
    public static EarlyBirdReport Detect(
        IReadOnlyList<IReadOnlyDictionary<string, bool[]>> checkpoints, double threshold = DefaultThreshold, int window = DefaultWindow)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold must be in [0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var report = new List<EarlyBirdCheckpoint>(checkpoints.Count);
        int? emergedAt = null;
        for (int i = 0; i < checkpoints.Count; i++)
        {
            var newest = checkpoints[i] ?? throw new ArgumentException($"checkpoint {i} is null", nameof(checkpoints));
            var distances = new List<CheckpointDistance>();
            for (int j = Math.Max(0, i - window + 1); j < i; j++)
            {
                distances.Add(new CheckpointDistance(j, MaskDistance.Compare(newest, checkpoints[j]).Overall));
            }

            bool full = i >= window - 1;
            bool within = full && distances.TrueForAll(d => d.Distance <= threshold);
            report.Add(new EarlyBirdCheckpoint(i, distances, full, within));
            if (within && emergedAt is null)
            {
                emergedAt = i;
            }
        }

        return new EarlyBirdReport(threshold, window, report, emergedAt);
    }
}
