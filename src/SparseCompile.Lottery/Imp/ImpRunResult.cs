using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Imp;

/// <summary>Every level of an IMP run, with access to the saved masks and weights.</summary>
/// <param name="Folder">The run folder.</param>
/// <param name="Levels">Level 0 (dense) to the last pruning level.</param>
/// <param name="NMRound">The N:M round, when one was asked for.</param>
public sealed record ImpRunResult(string Folder, IReadOnlyList<ImpLevelResult> Levels, ImpLevelResult? NMRound)
{
    /// <summary>The mask a level trained with.</summary>
    public NetworkMask LoadMask(ImpLevelResult level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return StateFiles.LoadMask(new RunFolder(Folder).MaskPath(level.Name));
    }

    /// <summary>The weights a level's ticket started from (the rewind point with the mask applied).</summary>
    public NetworkWeights LoadStartWeights(ImpLevelResult level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return StateFiles.LoadWeights(new RunFolder(Folder).StartPath(level.Name));
    }

    /// <summary>The ticket's weights at the end of a level's training.</summary>
    public NetworkWeights LoadTrainedWeights(ImpLevelResult level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return StateFiles.LoadWeights(new RunFolder(Folder).TrainedPath(level.Name));
    }
}
