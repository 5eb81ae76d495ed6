namespace SparseCompile.Compiler.Sparsity;

/// <summary>One checkpoint of an Early-Bird search.</summary>
/// <param name="Index">The checkpoint's index in training order.</param>
/// <param name="Distances">
/// Distances to the predecessors inside the window (the window − 1 before it, fewer near the start),
/// oldest first.
/// </param>
/// <param name="IsWindowFull">True when the checkpoint has window − 1 predecessors, so the rule can fire.</param>
/// <param name="IsWithinThreshold">True when the window is full and every distance is at most the threshold.</param>
public sealed record EarlyBirdCheckpoint(int Index, IReadOnlyList<CheckpointDistance> Distances, bool IsWindowFull, bool IsWithinThreshold)
{
    /// <summary>The largest distance (0 for the first checkpoint, which has no predecessor).</summary>
    public double MaxDistance => Distances.Count == 0 ? 0 : Distances.Max(d => d.Distance);
}
