using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.EarlyBird;

/// <summary>How <see cref="EarlyBirdSearch"/> draws per-epoch masks and when it stops.</summary>
public sealed record EarlyBirdOptions
{
    /// <summary>The target density of the per-epoch magnitude masks (fraction of weights kept). Default 0.2.</summary>
    public double Density { get; init; } = 0.2;

    /// <summary>Rank all layers together (true) or each layer on its own (false, the default).</summary>
    public bool Global { get; init; }

    /// <summary>The largest normalized Hamming distance allowed. Default 0.1.</summary>
    public double Threshold { get; init; } = Compiler.Sparsity.EarlyBird.DefaultThreshold;

    /// <summary>Masks compared, the newest included. Default 5.</summary>
    public int Window { get; init; } = Compiler.Sparsity.EarlyBird.DefaultWindow;

    /// <summary>Dense training settings; <see cref="TrainingOptions.Iterations"/> caps the search.</summary>
    public TrainingOptions Training { get; init; } = new();
}
