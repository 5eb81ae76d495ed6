using SparseCompile.Lottery.Pruning;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Imp;

/// <summary>
/// One iterative-magnitude-pruning run: level 0 trains the dense network, every further level prunes the previous
/// level's trained weights (<see cref="Pruning"/>), rewinds the survivors (<see cref="Rewind"/>) and retrains.
/// Defaults: LeNet-300-100, Frankle &amp; Carbin's 20%/10% layer-wise schedule, rewind to initialization.
/// </summary>
public sealed record ImpOptions
{
    /// <summary>The folder levels are saved into as they finish; an existing run there is resumed.</summary>
    public required string RunFolder { get; init; }

    /// <summary>Seeds the initialization (torch.random.manual_seed) and the batch order. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Pruning rounds; the run has <see cref="Rounds"/> + 1 levels (level 0 dense). Default 15 (Pm 3.6% for LeNet-300-100).</summary>
    public int Rounds { get; init; } = 15;

    /// <summary>Input features, then every layer's outputs. Default LeNet-300-100.</summary>
    public IReadOnlyList<int> LayerSizes { get; init; } = LeNet300100.Sizes;

    /// <summary>Training per level (its <see cref="TrainingOptions.DataSeed"/> is replaced by <see cref="Seed"/>).</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The pruning plug-in. Default <see cref="LayerwiseMagnitudePruning.FrankleCarbin"/> for the layer count.</summary>
    public IPruningStrategy? Pruning { get; init; }

    /// <summary>Where survivors are reset. Default iteration 0. With iteration k, rewound levels train Iterations − k steps.</summary>
    public RewindPoint Rewind { get; init; } = RewindPoint.Initialization;

    /// <summary>Also train the random re-initialization control at every pruned level: the same mask, fresh weights from another seed.</summary>
    public bool RandomReinitControl { get; init; }

    /// <summary>The final N:M-aware round after the last level; null for none.</summary>
    public NMRoundOptions? NMRound { get; init; }

    /// <summary>The strategy in effect.</summary>
    internal IPruningStrategy Strategy => Pruning ?? LayerwiseMagnitudePruning.FrankleCarbin(LayerSizes.Count - 1);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(RunFolder, nameof(RunFolder));
        ArgumentOutOfRangeException.ThrowIfNegative(Rounds, nameof(Rounds));
        ArgumentNullException.ThrowIfNull(Training, nameof(Training));
        Training.Validate();
        if (Rewind.Iteration >= Training.Iterations)
        {
            throw new ArgumentOutOfRangeException(nameof(Rewind), Rewind.Iteration, "the rewind iteration must come before the end of training");
        }
    }
}
