using System.Globalization;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Lottery.Data;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.EarlyBird;

/// <summary>
/// Early-Bird ticket detection during dense training (You et al., ICLR 2020): after every epoch a magnitude mask at the
/// target density (the compiler's <see cref="MagnitudeMasks"/>), stop as soon as the newest is within the threshold of
/// the previous window − 1 (<see cref="EarlyBirdMonitor"/>).
/// </summary>
public static class EarlyBirdSearch
{
    /// <summary>Trains <paramref name="network"/> densely until the ticket emerges or the iterations run out.</summary>
    public static EarlyBirdResult Run(MaskedNetwork network, MnistSubset data, EarlyBirdOptions options, IProgress<LotteryProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        var monitor = new EarlyBirdMonitor(options.Threshold, options.Window);
        var distances = new List<double>();
        NetworkMask? ticket = null;
        int? emerged = null;
        bool Epoch(int epoch)
        {
            ticket = MagnitudeMask(network.GetWeights(), options.Density, options.Global);
            bool found = monitor.Observe(ticket);
            distances.Add(monitor.LastMaxDistance);
            progress?.Report(new LotteryProgress(ProgressKind.Epoch, "earlybird", null, options.Density, 0, epoch, null,
                string.Create(CultureInfo.InvariantCulture, $"max distance {monitor.LastMaxDistance:0.0000}{(found ? " emerged" : string.Empty)}")));
            if (found)
            {
                emerged = epoch;
            }

            return found;
        }

        var training = MaskedTrainer.Train(network, data, options.Training, new TrainingHooks
        {
            Stage = "earlybird",
            Progress = progress,
            EpochEnded = Epoch,
            Cancellation = cancellation,
        });
        return new EarlyBirdResult(emerged, ticket, distances, training);
    }

    /// <summary>The magnitude keep-mask of <paramref name="weights"/> at <paramref name="density"/>, per layer or global.</summary>
    public static NetworkMask MagnitudeMask(NetworkWeights weights, double density, bool global)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var named = weights.Layers.Select(l => (l.Name, l.Weight)).ToList();
        var masks = global ? MagnitudeMasks.Global(named, density) : MagnitudeMasks.LayerWise(named, density);
        return new NetworkMask(weights.Layers.Select(l => new LayerMask(l.Name, l.Outputs, l.Inputs, masks[l.Name])).ToList());
    }
}
