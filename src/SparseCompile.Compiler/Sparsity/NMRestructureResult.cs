using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>What <see cref="NMRestructurer"/> did to one weight.</summary>
/// <param name="Pattern">The N:M pattern.</param>
/// <param name="Axis">The reduction axis, in [0, rank).</param>
/// <param name="ReductionLength">The size of the reduction axis.</param>
/// <param name="IsApplicable">
/// False when the reduction length is not a multiple of M: the axis does not split into whole groups,
/// nothing was computed, and the caller should leave the weight dense (and say so).
/// </param>
/// <param name="NotApplicableReason">Why the pattern does not apply; null when it does.</param>
/// <param name="GroupCount">Groups of M along the axis; 0 when not applicable.</param>
/// <param name="Statistics">The N:M mask against the unstructured one (or against dense); null when not applicable.</param>
/// <param name="Keep">
/// The N:M keep-mask, row-major like the weights; null when not applicable or when the caller passed
/// its own buffer (<see cref="NMRestructurer.RestructureInto(ReadOnlySpan{float}, IReadOnlyList{long}, int, NMPattern, Span{bool})"/>).
/// </param>
public sealed record NMRestructureResult(
    NMPattern Pattern,
    int Axis,
    long ReductionLength,
    bool IsApplicable,
    string? NotApplicableReason,
    long GroupCount,
    RestructureStatistics? Statistics,
    bool[]? Keep);
