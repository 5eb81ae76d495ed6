using System.Globalization;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Pruning;

/// <summary>
/// Layer-wise magnitude pruning: each layer drops its own rate of its remaining weights, those of smallest |w|
/// (Frankle &amp; Carbin: 20% in hidden layers, 10% in the output layer per round). The count pruned is
/// round(rate · remaining); selection is the compiler's <see cref="MagnitudeMasks.KeepLargest"/>.
/// </summary>
public sealed class LayerwiseMagnitudePruning : IPruningStrategy
{
    private readonly double[] rates;

    /// <summary>Prunes layer i at <paramref name="rates"/>[i] of its remaining weights per round.</summary>
    /// <exception cref="ArgumentException">No rates, or a rate outside [0, 1].</exception>
    public LayerwiseMagnitudePruning(IReadOnlyList<double> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Count == 0 || rates.Any(r => !(r >= 0 && r <= 1)))
        {
            throw new ArgumentException("every layer needs a pruning rate in [0, 1]", nameof(rates));
        }

        this.rates = rates.ToArray();
    }

    /// <summary>
    /// Frankle &amp; Carbin's schedule for <paramref name="layerCount"/> layers: <paramref name="hiddenRate"/> (20%)
    /// of the remaining weights of every layer but the last, <paramref name="outputRate"/> (10%) of the last.
    /// </summary>
    public static LayerwiseMagnitudePruning FrankleCarbin(int layerCount = 3, double hiddenRate = 0.2, double outputRate = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        return new LayerwiseMagnitudePruning([.. Enumerable.Repeat(hiddenRate, layerCount - 1), outputRate]);
    }

    /// <summary>The rate per layer.</summary>
    public IReadOnlyList<double> Rates => rates;

    /// <inheritdoc />
    public string Description =>
        "layerwise-magnitude " + string.Join(",", rates.Select(r => r.ToString("R", CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The layer counts or shapes disagree with each other or with the rates.</exception>
    public NetworkMask Prune(NetworkWeights trained, NetworkMask current)
    {
        SurvivorSelection.CheckLayers(trained, current);
        if (current.Layers.Count != rates.Length)
        {
            throw new ArgumentException($"the strategy has {rates.Length} rates; the network has {current.Layers.Count} layers", nameof(current));
        }

        var layers = new List<LayerMask>(rates.Length);
        for (int i = 0; i < rates.Length; i++)
        {
            var mask = current.Layers[i];
            long remaining = mask.KeptCount;
            long keep = remaining - SurvivorSelection.PrunedCount(rates[i], remaining);
            var selected = MagnitudeMasks.KeepLargest(SurvivorSelection.MaskedValues(trained.Layers[i], mask), keep);
            layers.Add(SurvivorSelection.Intersect(mask, selected));
        }

        return new NetworkMask(layers);
    }
}
