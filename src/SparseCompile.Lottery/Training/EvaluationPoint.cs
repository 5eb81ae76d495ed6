namespace SparseCompile.Lottery.Training;

/// <summary>One evaluation during training.</summary>
/// <param name="Iteration">Optimizer steps done.</param>
/// <param name="Epoch">The epoch the last batch belonged to (1-based).</param>
/// <param name="TrainLoss">Mean training loss of the batches since the previous evaluation.</param>
/// <param name="ValidationLoss">Cross entropy on the validation set.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set, in [0, 1].</param>
/// <param name="TestAccuracy">Accuracy on the test set, in [0, 1].</param>
public sealed record EvaluationPoint(int Iteration, int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy, double TestAccuracy);
