using SparseCompile.Lottery.Imp;
using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;
using Xunit.Abstractions;

namespace SparseCompile.Lottery.Tests.Imp;

public sealed class MnistImpTests(ITestOutputHelper output)
{
    [Fact]
    public void Short_LeNet_run_with_two_levels_and_a_distilled_two_four_round_learns_MNIST()
    {
        using var folder = new TempFolder();
        var lines = new StringWriter();
        var run = ImpRun.Run(new ImpOptions
        {
            RunFolder = folder.Path,
            Seed = 1,
            Rounds = 1,
            Training = new TrainingOptions { Iterations = 300, EvaluateEvery = 100 },
            NMRound = new NMRoundOptions { Distill = true },
        }, TestData.Subset, new ConsoleProgress(lines));
        output.WriteLine(lines.ToString());

        Assert.Equal(2, run.Levels.Count);
        Assert.Equal(1.0, run.Levels[0].Density);
        Assert.Equal(0.8, run.Levels[1].LayerDensities["fc1"], 3);
        Assert.Equal(0.8, run.Levels[1].LayerDensities["fc2"], 3);
        Assert.Equal(0.9, run.Levels[1].LayerDensities["fc3"], 3);
        Assert.NotNull(run.NMRound);
        // 2:4 keeps at most half of every group; the 80% ticket has at least two survivors in nearly every group.
        Assert.InRange(run.NMRound!.LayerDensities["fc1"], 0.45, 0.5);
        foreach (var level in run.Levels.Append(run.NMRound))
        {
            output.WriteLine($"{level.Name}: Pm {level.Density:P1}, test accuracy {level.Ticket.TestAccuracyAtEarlyStop:P2} at iteration {level.Ticket.EarlyStopIteration}, {level.Ticket.Seconds * 1000 / level.Ticket.Iterations:0.00} ms/iteration incl. evaluation");
            Assert.True(level.Ticket.TestAccuracyAtEarlyStop > 0.85, $"{level.Name}: {level.Ticket.TestAccuracyAtEarlyStop:P2}");
        }

        Assert.Contains("level 1 | ticket | Pm 80.", lines.ToString());
    }
}
