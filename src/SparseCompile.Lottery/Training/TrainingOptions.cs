namespace SparseCompile.Lottery.Training;

/// <summary>How <see cref="MaskedTrainer"/> trains: Adam, a fixed number of iterations, periodic evaluation.</summary>
public sealed record TrainingOptions
{
    /// <summary>Optimizer steps (batches). Default 1,000.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Images per batch. Default 60 (Frankle &amp; Carbin's LeNet setup).</summary>
    public int BatchSize { get; init; } = 60;

    /// <summary>Adam's learning rate. Default 1.2e-3 (Frankle &amp; Carbin's LeNet setup).</summary>
    public double LearningRate { get; init; } = 1.2e-3;

    /// <summary>Evaluate validation loss and test accuracy every this many iterations (and after the last). Default 100.</summary>
    public int EvaluateEvery { get; init; } = 100;

    /// <summary>Seeds the batch shuffling, so the same seed visits the images in the same order.</summary>
    public int DataSeed { get; init; }

    /// <summary>Intra-op threads for TorchSharp (<c>torch.set_num_threads</c>). Default 2.</summary>
    public int Threads { get; init; } = 2;

    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(EvaluateEvery, 1, nameof(EvaluateEvery));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (!(LearningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be positive");
        }
    }
}
