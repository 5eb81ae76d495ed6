using SparseCompile.Compiler.Sparsity;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Pruning;

/// <summary>Helpers shared by the magnitude strategies (selection itself is the compiler's <see cref="MagnitudeMasks"/>).</summary>
internal static class SurvivorSelection
{
    /// <summary>The weights with pruned ones forced to zero, so they rank last.</summary>
    public static float[] MaskedValues(LayerWeights weights, LayerMask mask)
    {
        if (weights.Outputs != mask.Outputs || weights.Inputs != mask.Inputs)
        {
            throw new ArgumentException($"layer {weights.Name} is [{weights.Outputs}, {weights.Inputs}] but its mask is [{mask.Outputs}, {mask.Inputs}]");
        }

        var values = new float[weights.Weight.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = mask.Keep[i] ? weights.Weight[i] : 0f;
        }

        return values;
    }

    /// <summary>The number pruned from <paramref name="remaining"/> at <paramref name="rate"/>: round(rate · remaining), halves away from zero.</summary>
    public static long PrunedCount(double rate, long remaining) =>
        Math.Clamp((long)Math.Round(rate * remaining, MidpointRounding.AwayFromZero), 0, remaining);

    /// <summary><paramref name="selected"/> ∧ <paramref name="current"/>: a survivor tied at zero with pruned weights never revives one.</summary>
    public static LayerMask Intersect(LayerMask current, bool[] selected)
    {
        var keep = new bool[selected.Length];
        for (int i = 0; i < keep.Length; i++)
        {
            keep[i] = selected[i] && current.Keep[i];
        }

        return current with { Keep = keep };
    }

    public static void CheckLayers(NetworkWeights trained, NetworkMask current)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(current);
        if (trained.Layers.Count != current.Layers.Count)
        {
            throw new ArgumentException($"{trained.Layers.Count} weight layers but {current.Layers.Count} mask layers");
        }
    }
}
