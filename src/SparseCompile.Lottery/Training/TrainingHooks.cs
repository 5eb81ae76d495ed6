namespace SparseCompile.Lottery.Training;

/// <summary>Optional extras for one <see cref="MaskedTrainer.Train"/> call.</summary>
public sealed class TrainingHooks
{
    /// <summary>Receives evaluations (and epoch ends) stamped with <see cref="Stage"/>, <see cref="Level"/> and the density.</summary>
    public IProgress<LotteryProgress>? Progress { get; init; }

    /// <summary>The stage name in progress reports. Default "train".</summary>
    public string Stage { get; init; } = "train";

    /// <summary>The IMP level in progress reports.</summary>
    public int? Level { get; init; }

    /// <summary>Distill from a teacher instead of plain cross entropy.</summary>
    public Distillation? Distillation { get; init; }

    /// <summary>Takes a weight snapshot after this many iterations (0: before the first step), for late rewinding.</summary>
    public int? SnapshotAtIteration { get; init; }

    /// <summary>Receives the snapshot taken at <see cref="SnapshotAtIteration"/>.</summary>
    public Action<NetworkWeights>? SnapshotTaken { get; init; }

    /// <summary>Called after every whole epoch with the epoch number (1-based); returning true stops training there.</summary>
    public Func<int, bool>? EpochEnded { get; init; }

    /// <summary>Stops training between iterations.</summary>
    public CancellationToken Cancellation { get; init; }
}
