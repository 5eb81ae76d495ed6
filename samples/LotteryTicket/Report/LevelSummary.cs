namespace LotteryTicket.Report;

/// <summary>One pruning level's results over every seed: the winning ticket and its random re-initialization.</summary>
/// <param name="Level">The pruning round (0 = dense).</param>
/// <param name="PercentRemaining">The share of prunable weights left, in percent.</param>
/// <param name="Ticket">The ticket's result per seed.</param>
/// <param name="Reinit">The random re-initialization's result per seed (empty at level 0, where both are the dense network).</param>
public sealed record LevelSummary(int Level, double PercentRemaining, IReadOnlyList<RunResult> Ticket, IReadOnlyList<RunResult> Reinit);

/// <summary>One training run's result at early stopping (the iteration of least validation loss).</summary>
/// <param name="TestAccuracy">Test accuracy at early stopping, as a fraction.</param>
/// <param name="StopIteration">The iteration of least validation loss.</param>
public sealed record RunResult(double TestAccuracy, int StopIteration);
