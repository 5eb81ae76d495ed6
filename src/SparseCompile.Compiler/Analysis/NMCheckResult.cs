namespace SparseCompile.Compiler.Analysis;

/// <summary>What an N:M check found for one weight along its reduction axis.</summary>
/// <param name="Pattern">The pattern checked.</param>
/// <param name="Axis">The reduction axis, in [0, rank).</param>
/// <param name="ReductionLength">The size of the reduction axis.</param>
/// <param name="ElementCount">The number of weights.</param>
/// <param name="ZeroCount">Weights equal to zero (either sign); NaN counts as nonzero.</param>
/// <param name="IsApplicable">
/// False when the reduction length is not a multiple of M: the axis does not split into whole groups,
/// so the weight cannot be N:M and TensorRT would run it dense.
/// </param>
/// <param name="NotApplicableReason">Why the pattern does not apply; null when it does.</param>
/// <param name="GroupCount">Groups of M consecutive weights along the axis; 0 when not applicable.</param>
/// <param name="ViolatingGroupCount">Groups with more than N nonzeros; 0 when not applicable.</param>
public sealed record NMCheckResult(
    NMPattern Pattern,
    int Axis,
    long ReductionLength,
    long ElementCount,
    long ZeroCount,
    bool IsApplicable,
    string? NotApplicableReason,
    long GroupCount,
    long ViolatingGroupCount)
{
    /// <summary>The fraction of weights that are zero (0 for an empty tensor).</summary>
    public double ZeroFraction => ElementCount == 0 ? 0 : (double)ZeroCount / ElementCount;

    /// <summary>True when the pattern applies and no group has more than N nonzeros.</summary>
    public bool IsCompliant => IsApplicable && ViolatingGroupCount == 0;
}
