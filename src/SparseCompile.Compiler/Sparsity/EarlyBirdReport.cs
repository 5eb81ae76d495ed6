namespace SparseCompile.Compiler.Sparsity;

/// <summary>What the Early-Bird rule found over a sequence of checkpoints.</summary>
/// <param name="Threshold">The largest distance allowed.</param>
/// <param name="Window">The number of masks compared (the newest and window − 1 before it).</param>
/// <param name="Checkpoints">Every checkpoint with its distances, in training order.</param>
/// <param name="EmergedAt">The first checkpoint index at which the rule fires; null when it never does.</param>
public sealed record EarlyBirdReport(double Threshold, int Window, IReadOnlyList<EarlyBirdCheckpoint> Checkpoints, int? EmergedAt)
{
    /// <summary>True when an early-bird ticket emerged.</summary>
    public bool HasEmerged => EmergedAt is not null;
}
