namespace SparseCompile.Lottery.Training;

/// <summary>
/// What one training run reached. Early stopping is read off the history: the evaluation with the lowest validation
/// loss, and the test accuracy at that iteration.
/// </summary>
/// <param name="Iterations">Optimizer steps done.</param>
/// <param name="History">Every evaluation, in order.</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record TrainingResult(int Iterations, IReadOnlyList<EvaluationPoint> History, double Seconds)
{
    /// <summary>The evaluation with the lowest validation loss (the first of equals).</summary>
    public EvaluationPoint Best => History.Aggregate((best, p) => p.ValidationLoss < best.ValidationLoss ? p : best);

    /// <summary>The early-stopping iteration: where validation loss was lowest.</summary>
    public int EarlyStopIteration => Best.Iteration;

    /// <summary>Test accuracy at the early-stopping iteration.</summary>
    public double TestAccuracyAtEarlyStop => Best.TestAccuracy;

    /// <summary>Test accuracy after the last iteration.</summary>
    public double FinalTestAccuracy => History[^1].TestAccuracy;
}
