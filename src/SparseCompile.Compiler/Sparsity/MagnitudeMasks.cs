namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// Unstructured magnitude keep-masks: keep the weights of largest |w|, either a fraction of every
/// weight tensor on its own (layer-wise) or of all of them ranked together (global, as open_lth's
/// sparse_global). Counts are exact: round(density · n), halves rounded away from zero. Ranking is the
/// one of <see cref="NMRestructurer"/>: NaN above ±∞ above every finite |w|, +0 ties -0, and ties go to the
/// earlier weight (earlier tensor in the list, then lower index). Selection is a histogram (radix) select,
/// linear in the number of weights, with no sort and no copy of the weights.
/// </summary>
public static class MagnitudeMasks
{
    /// <summary>For every weight, keeps its own round(density · n) largest |w|.</summary>
    /// <param name="weights">Named weights; names must be distinct.</param>
    /// <param name="density">The fraction to keep, in [0, 1].</param>
    /// <returns>A keep-mask per name, in the order given.</returns>
    /// <exception cref="ArgumentException">A name repeats or a value array is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The density is outside [0, 1] or NaN.</exception>
    public static IReadOnlyDictionary<string, bool[]> LayerWise(IReadOnlyList<(string Name, float[] Values)> weights, double density)
    {
        Validate(weights, density);
        var masks = new Dictionary<string, bool[]>(weights.Count, StringComparer.Ordinal);
        foreach (var (name, values) in weights)
        {
            masks.Add(name, MagnitudeSelection.KeepLargest([values], KeptCount(density, values.Length))[0]);
        }

        return masks;
    }

    /// <summary>Keeps the round(density · total) largest |w| of all weights ranked together: one threshold for all.</summary>
    /// <param name="weights">Named weights; names must be distinct.</param>
    /// <param name="density">The fraction to keep, in [0, 1].</param>
    /// <returns>A keep-mask per name, in the order given.</returns>
    /// <exception cref="ArgumentException">A name repeats or a value array is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The density is outside [0, 1] or NaN.</exception>
    public static IReadOnlyDictionary<string, bool[]> Global(IReadOnlyList<(string Name, float[] Values)> weights, double density)
    {
        Validate(weights, density);
        long total = weights.Sum(w => (long)w.Values.Length);
        var selected = MagnitudeSelection.KeepLargest(weights.Select(w => w.Values).ToArray(), KeptCount(density, total));
        var masks = new Dictionary<string, bool[]>(weights.Count, StringComparer.Ordinal);
        for (int i = 0; i < weights.Count; i++)
        {
            masks.Add(weights[i].Name, selected[i]);
        }

        return masks;
    }

    /// <summary>Keeps exactly the <paramref name="count"/> largest |w| of one tensor (all when count ≥ length, none when ≤ 0).</summary>
    /// <exception cref="ArgumentNullException">The values are null.</exception>
    public static bool[] KeepLargest(float[] values, long count)
    {
        ArgumentNullException.ThrowIfNull(values);
        return MagnitudeSelection.KeepLargest([values], count)[0];
    }

    /// <summary>The number of weights a density keeps out of <paramref name="total"/>: round(density · total), halves away from zero.</summary>
    public static long KeptCount(double density, long total) =>
        Math.Clamp((long)Math.Round(density * total, MidpointRounding.AwayFromZero), 0, total);

    private static void Validate(IReadOnlyList<(string Name, float[] Values)> weights, double density)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!(density >= 0 && density <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(density), density, "the density must be in [0, 1]");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in weights)
        {
            if (name is null || values is null)
            {
                throw new ArgumentException("every weight needs a name and values", nameof(weights));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"the weight name '{name}' repeats", nameof(weights));
            }
        }
    }
}
