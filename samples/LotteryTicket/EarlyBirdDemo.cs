using SparseCompile.Lottery.Data;
using SparseCompile.Lottery.EarlyBird;
using SparseCompile.Lottery.Imp;
using SparseCompile.Lottery.Training;

namespace LotteryTicket;

/// <summary>What the Early-Bird search found, against the IMP ticket of the same density.</summary>
/// <param name="Density">The per-layer density of the per-epoch masks.</param>
/// <param name="EmergedAtEpoch">The epoch the mask settled (null: never within the iterations).</param>
/// <param name="MaxDistances">Per epoch, the largest normalized Hamming distance to the previous masks of the window.</param>
/// <param name="DistanceToImp">Normalized Hamming distance between the Early-Bird mask and the IMP level's mask.</param>
/// <param name="ImpLevel">The IMP level compared with.</param>
/// <param name="ImpDensity">That level's Pm.</param>
/// <param name="TicketAccuracy">Test accuracy at early stopping of the Early-Bird mask rewound to θ₀ and retrained.</param>
/// <param name="ImpAccuracy">The same for the IMP level's ticket.</param>
internal sealed record EarlyBirdFinding(double Density, int? EmergedAtEpoch, IReadOnlyList<double> MaxDistances, double DistanceToImp,
    int ImpLevel, double ImpDensity, double TicketAccuracy, double ImpAccuracy);

/// <summary>
/// Early-Bird on the first seed: dense training from the run's θ₀, a layer-wise magnitude mask per epoch at the density of
/// IMP level 7 (≈ 21 %), stopping when the newest mask is within 0.1 of the previous four; then that mask, rewound to θ₀,
/// is trained like an IMP level, and compared with IMP's ticket of the same density, which took 7 full trainings to find.
/// </summary>
internal static class EarlyBirdDemo
{
    public static EarlyBirdFinding Run(ImpRunResult run, MnistSubset data, TrainingOptions training, IProgress<LotteryProgress> progress)
    {
        var imp = run.Levels[Math.Min(7, run.Levels.Count - 1)];
        var init = run.LoadStartWeights(run.Levels[0]);
        EarlyBirdResult search;
        using (var network = new MaskedNetwork(LeNet300100.Sizes))
        {
            network.SetWeights(init);
            search = EarlyBirdSearch.Run(network, data, new EarlyBirdOptions { Density = imp.Density, Training = training }, progress);
        }

        var mask = search.Ticket!;
        double distance = mask.DistanceTo(run.LoadMask(imp));
        TrainingResult retrained;
        using (var network = new MaskedNetwork(LeNet300100.Sizes))
        {
            network.SetMask(mask);
            network.SetWeights(init);
            retrained = MaskedTrainer.Train(network, data, training, new TrainingHooks { Stage = "earlybird-ticket", Progress = progress });
        }

        return new EarlyBirdFinding(imp.Density, search.EmergedAtEpoch, search.MaxDistances, distance, imp.Level, imp.Density,
            retrained.TestAccuracyAtEarlyStop, imp.Ticket.TestAccuracyAtEarlyStop);
    }
}
