namespace SparseCompile.Cli.Diffing;

/// <summary>What <c>sparsec diff</c> found between two mask files; renderers only format it.</summary>
/// <param name="A">The first file as given.</param>
/// <param name="B">The second file as given.</param>
/// <param name="Tensors">One entry per key, in the first file's order.</param>
internal sealed record DiffReport(string A, string B, IReadOnlyList<TensorDiff> Tensors)
{
    /// <summary>Elements over all masks.</summary>
    public long Count => Tensors.Sum(t => t.Count);

    /// <summary>Positions that differ over all masks.</summary>
    public long DifferingCount => Tensors.Sum(t => t.DifferingCount);

    /// <summary>The overall normalised Hamming distance: differing / total, the per-key distances weighted by element count.</summary>
    public double Distance => Count == 0 ? 0 : (double)DifferingCount / Count;
}

/// <summary>The two masks of one key.</summary>
/// <param name="Name">The key.</param>
/// <param name="Dims">The shape both masks have.</param>
/// <param name="Count">Elements.</param>
/// <param name="DifferingCount">Positions where one mask keeps and the other drops.</param>
/// <param name="KeptA">Elements the first mask keeps.</param>
/// <param name="KeptB">Elements the second mask keeps.</param>
internal sealed record TensorDiff(string Name, IReadOnlyList<long> Dims, long Count, long DifferingCount, long KeptA, long KeptB)
{
    /// <summary>The normalised Hamming distance 1 − matching / total (0 for an empty mask).</summary>
    public double Distance => Count == 0 ? 0 : (double)DifferingCount / Count;

    /// <summary>Kept / total of the first mask.</summary>
    public double DensityA => Count == 0 ? 0 : (double)KeptA / Count;

    /// <summary>Kept / total of the second mask.</summary>
    public double DensityB => Count == 0 ? 0 : (double)KeptB / Count;
}
