namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// The normalised Hamming distance between keep-masks: 1 − matching / total, i.e. the fraction of
/// positions where the masks disagree (0 for identical masks, 0 for empty ones).
/// </summary>
public static class MaskDistance
{
    /// <summary>The distance between two masks of the same shape.</summary>
    /// <exception cref="ArgumentException">The masks differ in length.</exception>
    public static double Hamming(ReadOnlySpan<bool> left, ReadOnlySpan<bool> right)
    {
        long differing = CountDifferent(left, right);
        return left.IsEmpty ? 0 : (double)differing / left.Length;
    }

    /// <summary>How many positions differ between two masks of the same shape.</summary>
    /// <exception cref="ArgumentException">The masks differ in length.</exception>
    public static long CountDifferent(ReadOnlySpan<bool> left, ReadOnlySpan<bool> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"the masks differ in length ({left.Length} and {right.Length})", nameof(right));
        }

        return MaskCounting.CountDifferent(left, right);
    }

    /// <summary>Compares two mask sets tensor by tensor; both must hold the same names with masks of the same lengths.</summary>
    /// <exception cref="ArgumentException">The sets differ in names, or two masks of one name differ in length.</exception>
    public static MaskSetDistance Compare(IReadOnlyDictionary<string, bool[]> left, IReadOnlyDictionary<string, bool[]> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count != right.Count)
        {
            throw new ArgumentException($"the mask sets hold {left.Count} and {right.Count} tensors", nameof(right));
        }

        var perTensor = new Dictionary<string, double>(left.Count, StringComparer.Ordinal);
        long total = 0;
        long differing = 0;
        foreach (var (name, mask) in left)
        {
            if (!right.TryGetValue(name, out var other))
            {
                throw new ArgumentException($"the mask '{name}' is missing from the second set", nameof(right));
            }

            ArgumentNullException.ThrowIfNull(mask, nameof(left));
            ArgumentNullException.ThrowIfNull(other, nameof(right));
            if (mask.Length != other.Length)
            {
                throw new ArgumentException($"the mask '{name}' has {mask.Length} and {other.Length} elements", nameof(right));
            }

            long d = MaskCounting.CountDifferent(mask, other);
            perTensor.Add(name, mask.Length == 0 ? 0 : (double)d / mask.Length);
            total += mask.Length;
            differing += d;
        }

        return new MaskSetDistance(perTensor, total, differing);
    }
}
