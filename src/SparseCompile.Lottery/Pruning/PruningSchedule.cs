namespace SparseCompile.Lottery.Pruning;

/// <summary>The densities a fixed per-layer schedule reaches, for planning runs and reporting Pm.</summary>
public static class PruningSchedule
{
    /// <summary>
    /// Pm after <paramref name="rounds"/> rounds when layer i with <paramref name="weightCounts"/>[i] weights keeps
    /// (1 − <paramref name="rates"/>[i]) per round: Σ nᵢ (1 − rᵢ)^k / Σ nᵢ (ignoring rounding).
    /// For LeNet-300-100 at 20%/10%: 51.3% after 3 rounds, 21.1% after 7, 3.6% after 15.
    /// </summary>
    public static double ExpectedDensity(IReadOnlyList<long> weightCounts, IReadOnlyList<double> rates, int rounds)
    {
        ArgumentNullException.ThrowIfNull(weightCounts);
        ArgumentNullException.ThrowIfNull(rates);
        if (weightCounts.Count != rates.Count)
        {
            throw new ArgumentException("one rate per layer is needed", nameof(rates));
        }

        double kept = 0;
        for (int i = 0; i < rates.Count; i++)
        {
            kept += weightCounts[i] * Math.Pow(1 - rates[i], rounds);
        }

        return kept / weightCounts.Sum();
    }
}
