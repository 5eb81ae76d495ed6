using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.EarlyBird;

/// <summary>What an Early-Bird search found.</summary>
/// <param name="EmergedAtEpoch">The epoch (1-based) at which the ticket emerged; null when it did not within the iterations.</param>
/// <param name="Ticket">The mask at that epoch (or at the last epoch when none emerged); null when no epoch finished.</param>
/// <param name="MaxDistances">Per epoch, the largest distance from its mask to the older ones in the window.</param>
/// <param name="Training">The dense training run (stopped at the emergence).</param>
public sealed record EarlyBirdResult(int? EmergedAtEpoch, NetworkMask? Ticket, IReadOnlyList<double> MaxDistances, TrainingResult Training);
