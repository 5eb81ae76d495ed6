namespace SparseCompile.Compiler.Sparsity;

/// <summary>The normalised Hamming distance between two mask sets, per tensor and over all of them.</summary>
/// <param name="PerTensor">Per name: differing / total of that tensor (0 for an empty tensor).</param>
/// <param name="ElementCount">Elements over all tensors.</param>
/// <param name="DifferingCount">Positions that differ over all tensors.</param>
public sealed record MaskSetDistance(IReadOnlyDictionary<string, double> PerTensor, long ElementCount, long DifferingCount)
{
    /// <summary>Differing / total over all tensors: the per-tensor distances averaged by element count (0 when empty).</summary>
    public double Overall => ElementCount == 0 ? 0 : (double)DifferingCount / ElementCount;
}
