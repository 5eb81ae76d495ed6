using SparseCompile.Lottery.Imp;
using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Tests.Imp;

public sealed class ImpRunTests
{
    private static readonly int[] Small = [784, 64, 32, 10];

    private static ImpOptions Options(string folder, int rounds = 1) => new()
    {
        RunFolder = folder,
        Seed = 3,
        Rounds = rounds,
        LayerSizes = Small,
        Training = new TrainingOptions { Iterations = 40, EvaluateEvery = 20 },
    };

    [Fact]
    public void Rewinding_to_iteration_0_restores_initial_values_bitwise_and_reinit_keeps_the_mask()
    {
        using var folder = new TempFolder();
        var run = ImpRun.Run(Options(folder.Path) with { RandomReinitControl = true }, TestData.Subset);
        var files = new RunFolder(folder.Path);
        var init = StateFiles.LoadWeights(files.InitPath);
        var level = run.Levels[1];
        var mask = run.LoadMask(level);
        var start = run.LoadStartWeights(level);
        var reinit = StateFiles.LoadWeights(files.ReinitStartPath(level.Name));
        Assert.NotNull(level.RandomReinit);
        Assert.True(mask.Density < 0.85);

        int kept = 0, reinitEqual = 0;
        for (int l = 0; l < init.Layers.Count; l++)
        {
            Assert.Equal(init.Layers[l].Bias, start.Layers[l].Bias);
            for (int i = 0; i < mask.Layers[l].Keep.Length; i++)
            {
                int startBits = BitConverter.SingleToInt32Bits(start.Layers[l].Weight[i]);
                int reinitBits = BitConverter.SingleToInt32Bits(reinit.Layers[l].Weight[i]);
                if (mask.Layers[l].Keep[i])
                {
                    kept++;
                    Assert.Equal(BitConverter.SingleToInt32Bits(init.Layers[l].Weight[i]), startBits);
                    Assert.NotEqual(0f, reinit.Layers[l].Weight[i]);
                    reinitEqual += reinitBits == startBits ? 1 : 0;
                }
                else
                {
                    Assert.Equal(0, startBits);
                    Assert.Equal(0, reinitBits);
                }
            }
        }

        Assert.Equal(mask.Layers.Sum(l => l.KeptCount), kept);
        Assert.True(reinitEqual < kept / 100, $"{reinitEqual} of {kept} re-initialized weights equal the ticket's");
    }

    [Fact]
    public void Late_rewinding_restores_the_dense_weights_at_iteration_k()
    {
        using var folder = new TempFolder();
        var run = ImpRun.Run(Options(folder.Path) with { Rewind = RewindPoint.AtIteration(10) }, TestData.Subset);
        var files = new RunFolder(folder.Path);
        var init = StateFiles.LoadWeights(files.InitPath);
        var rewind = StateFiles.LoadWeights(files.RewindPath);
        Assert.NotEqual(init.Layers[0].Weight, rewind.Layers[0].Weight);

        // The same 10 steps again from θ₀ with the same batch order give the same weights.
        using (var network = new MaskedNetwork(Small))
        {
            network.SetWeights(init);
            MaskedTrainer.Train(network, TestData.Subset, new TrainingOptions { Iterations = 10, EvaluateEvery = 10, DataSeed = 3 });
            Assert.Equal(rewind.Layers[0].Weight, network.GetWeights().Layers[0].Weight);
        }

        var level = run.Levels[1];
        var mask = run.LoadMask(level);
        var start = run.LoadStartWeights(level);
        for (int l = 0; l < mask.Layers.Count; l++)
        {
            for (int i = 0; i < mask.Layers[l].Keep.Length; i++)
            {
                Assert.Equal(mask.Layers[l].Keep[i] ? rewind.Layers[l].Weight[i] : 0f, start.Layers[l].Weight[i]);
            }
        }

        Assert.Equal(40, run.Levels[0].Ticket.Iterations);
        Assert.Equal(30, level.Ticket.Iterations);
    }

    [Fact]
    public void Interrupted_run_resumes_at_the_next_level_with_the_same_results()
    {
        using var whole = new TempFolder();
        using var interrupted = new TempFolder();
        var reference = ImpRun.Run(Options(whole.Path, rounds: 2), TestData.Subset);

        using var cancel = new CancellationTokenSource();
        var first = new Recorder(p =>
        {
            if (p.Kind == ProgressKind.Finished && p.Level == 1)
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => ImpRun.Run(Options(interrupted.Path, rounds: 2), TestData.Subset, first, cancel.Token));
        Assert.Equal([0, 1], first.Levels(ProgressKind.Finished));
        Assert.False(File.Exists(new RunFolder(interrupted.Path).ResultPath(RunFolder.LevelName(2))));

        var second = new Recorder();
        var resumed = ImpRun.Run(Options(interrupted.Path, rounds: 2), TestData.Subset, second);
        Assert.Equal([0, 1], second.Levels(ProgressKind.Resumed));
        Assert.Equal([2], second.Levels(ProgressKind.Started));
        Assert.Equal(3, resumed.Levels.Count);
        for (int level = 0; level < 3; level++)
        {
            Assert.Equal(reference.Levels[level].Density, resumed.Levels[level].Density);
            Assert.Equal(reference.Levels[level].Ticket.History, resumed.Levels[level].Ticket.History);
        }

        Assert.Equal(reference.LoadTrainedWeights(reference.Levels[2]).Layers[1].Weight, resumed.LoadTrainedWeights(resumed.Levels[2]).Layers[1].Weight);
    }

    [Fact]
    public void Folder_with_other_options_is_refused()
    {
        using var folder = new TempFolder();
        ImpRun.Run(Options(folder.Path, rounds: 0), TestData.Subset);
        var e = Assert.Throws<InvalidOperationException>(() => ImpRun.Run(Options(folder.Path, rounds: 0) with { Seed = 4 }, TestData.Subset));
        Assert.Contains("run.json", e.Message);
    }

    private sealed class Recorder(Action<LotteryProgress>? onReport = null) : IProgress<LotteryProgress>
    {
        private readonly List<LotteryProgress> reports = [];

        public void Report(LotteryProgress value)
        {
            reports.Add(value);
            onReport?.Invoke(value);
        }

        public int[] Levels(ProgressKind kind) => reports.Where(r => r.Kind == kind).Select(r => r.Level ?? -1).ToArray();
    }
}
