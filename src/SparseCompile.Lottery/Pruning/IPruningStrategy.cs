using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Pruning;

/// <summary>
/// One IMP pruning round as a plug-in: from the trained weights and the current mask, the next (smaller) mask.
/// A strategy only ever removes weights: the result is a subset of <c>current</c>.
/// </summary>
public interface IPruningStrategy
{
    /// <summary>A short description saved with a run (so a resumed run can check it uses the same strategy).</summary>
    string Description { get; }

    /// <summary>The mask for the next level.</summary>
    /// <param name="trained">The weights at the end of the level's training.</param>
    /// <param name="current">The level's mask.</param>
    NetworkMask Prune(NetworkWeights trained, NetworkMask current);
}
