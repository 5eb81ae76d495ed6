using System.Globalization;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Pruning;

/// <summary>
/// Global magnitude pruning: all layers' remaining weights ranked together by |w|, and <see cref="Rate"/> of them
/// (the smallest) dropped per round; one threshold for all layers. Selection is the compiler's
/// <see cref="MagnitudeMasks.Global"/>.
/// </summary>
public sealed class GlobalMagnitudePruning : IPruningStrategy
{
    /// <summary>Prunes <paramref name="rate"/> of all remaining weights per round (20% by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1].</exception>
    public GlobalMagnitudePruning(double rate = 0.2)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the rate must be in [0, 1]");
        }

        Rate = rate;
    }

    /// <summary>The fraction of remaining weights pruned per round.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public string Description => "global-magnitude " + Rate.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The layer counts or shapes disagree.</exception>
    public NetworkMask Prune(NetworkWeights trained, NetworkMask current)
    {
        SurvivorSelection.CheckLayers(trained, current);
        var named = current.Layers
            .Select((mask, i) => (mask.Name, SurvivorSelection.MaskedValues(trained.Layers[i], mask)))
            .ToList();
        long total = current.Layers.Sum(l => (long)l.Keep.Length);
        long remaining = current.Layers.Sum(l => l.KeptCount);
        long keep = remaining - SurvivorSelection.PrunedCount(Rate, remaining);
        var selected = MagnitudeMasks.Global(named, total == 0 ? 1 : (double)keep / total);
        return new NetworkMask(current.Layers.Select(mask => SurvivorSelection.Intersect(mask, selected[mask.Name])).ToList());
    }
}
