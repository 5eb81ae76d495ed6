namespace SparseCompile.Lottery.Imp;

/// <summary>
/// Where surviving weights are reset after pruning: iteration 0 (the original lottery-ticket rewind to θ₀), or
/// iteration k of the dense run (late rewinding, Frankle et al. 2019: the weights after k steps).
/// </summary>
/// <param name="Iteration">The dense run's iteration whose weights are restored; 0 for the initialization.</param>
public sealed record RewindPoint(int Iteration)
{
    /// <summary>Rewind to the initialization (iteration 0).</summary>
    public static RewindPoint Initialization { get; } = new(0);

    /// <summary>Rewind to the weights after <paramref name="iteration"/> steps of dense training.</summary>
    public static RewindPoint AtIteration(int iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        return new RewindPoint(iteration);
    }
}
