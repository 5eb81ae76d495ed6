using SparseCompile.Lottery.Data;
using SparseCompile.Lottery.Sparsity;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Imp;

/// <summary>
/// Runs iterative magnitude pruning with rewinding (Frankle &amp; Carbin 2019; late rewinding, Frankle et al. 2019).
/// Level 0 trains the dense network from θ₀ (seeded by <see cref="ImpOptions.Seed"/>); level k prunes level k − 1's
/// trained weights, resets the survivors to the rewind point and retrains; optionally the random re-initialization
/// control trains the same mask from fresh weights; optionally a final N:M round. Levels are saved as they finish and
/// a rerun on the same folder resumes at the first unfinished level (every level's training is seeded from the
/// options alone, so a resumed run gives the results of an uninterrupted one).
/// </summary>
public static class ImpRun
{
    /// <summary>The seed offset of the random re-initialization control (its seed is Seed + offset + level).</summary>
    public const int ReinitSeedOffset = 1_000_003;

    /// <summary>Runs (or resumes) the levels <paramref name="options"/> describes.</summary>
    /// <exception cref="InvalidOperationException">The run folder holds a run with other options.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; finished levels stay saved.</exception>
    public static ImpRunResult Run(ImpOptions options, MnistSubset data, IProgress<LotteryProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        options.Validate();
        var folder = new RunFolder(options.RunFolder);
        folder.CreateOrCheck(ImpManifest.From(options));
        var training = options.Training with { DataSeed = options.Seed };
        var init = LoadOrCreateInit(options, folder);

        var levels = new List<ImpLevelResult>();
        NetworkMask? previousMask = null;
        NetworkWeights? previousTrained = null;
        for (int level = 0; level <= options.Rounds; level++)
        {
            cancellation.ThrowIfCancellationRequested();
            string name = RunFolder.LevelName(level);
            var mask = previousMask is null || previousTrained is null
                ? NetworkMask.Dense(init)
                : options.Strategy.Prune(previousTrained, previousMask);
            var result = RunLevel(new LevelPlan(level, name, mask, level == 0 ? "dense" : "ticket", null), options, training, data, folder, init, progress, cancellation);
            levels.Add(result);
            previousMask = StateFiles.LoadMask(folder.MaskPath(name));
            previousTrained = StateFiles.LoadWeights(folder.TrainedPath(name));
        }

        ImpLevelResult? nm = null;
        if (options.NMRound is { } round && previousMask is not null && previousTrained is not null)
        {
            cancellation.ThrowIfCancellationRequested();
            var mask = NMMask.Restructure(previousMask, previousTrained, round.Pattern);
            string name = $"nm-{round.Pattern.N}of{round.Pattern.M}" + (round.Distill ? FormattableString.Invariant($"-kd-t{round.Temperature}-a{round.Alpha}") : string.Empty);
            MaskedNetwork? teacher = null;
            try
            {
                if (round.Distill)
                {
                    teacher = new MaskedNetwork(options.LayerSizes);
                    teacher.SetWeights(StateFiles.LoadWeights(folder.TrainedPath(RunFolder.LevelName(0))));
                }

                var distillation = teacher is null ? null : new Distillation(teacher, round.Temperature, round.Alpha);
                nm = RunLevel(new LevelPlan(options.Rounds + 1, name, mask, "nm", distillation), options, training, data, folder, init, progress, cancellation);
            }
            finally
            {
                teacher?.Dispose();
            }
        }

        return new ImpRunResult(folder.Path, levels, nm);
    }

    private static NetworkWeights LoadOrCreateInit(ImpOptions options, RunFolder folder)
    {
        if (File.Exists(folder.InitPath))
        {
            return StateFiles.LoadWeights(folder.InitPath);
        }

        using var network = new MaskedNetwork(options.LayerSizes).InitializeGlorot(options.Seed);
        var init = network.GetWeights();
        StateFiles.SaveWeights(folder.InitPath, init);
        return init;
    }

    private static ImpLevelResult RunLevel(LevelPlan plan, ImpOptions options, TrainingOptions training, MnistSubset data, RunFolder folder,
        NetworkWeights init, IProgress<LotteryProgress>? progress, CancellationToken cancellation)
    {
        if (folder.TryLoadResult(plan.Name) is { } done)
        {
            progress?.Report(new LotteryProgress(ProgressKind.Resumed, plan.Stage, plan.Level, done.Density, done.Ticket.Iterations, 0, done.Ticket.Best));
            return done;
        }

        double density = plan.Mask.Density;
        bool dense = plan.Level == 0;
        progress?.Report(new LotteryProgress(ProgressKind.Started, plan.Stage, plan.Level, density, 0, 0, null));
        Directory.CreateDirectory(folder.LevelPath(plan.Name));
        StateFiles.SaveMask(folder.MaskPath(plan.Name), plan.Mask);

        TrainingResult ticket;
        using (var network = new MaskedNetwork(options.LayerSizes))
        {
            network.SetMask(plan.Mask);
            network.SetWeights(dense ? init : StateFiles.LoadWeights(folder.RewindPath));
            StateFiles.SaveWeights(folder.StartPath(plan.Name), network.GetWeights());
            int rewind = options.Rewind.Iteration;
            ticket = MaskedTrainer.Train(network, data, dense ? training : training with { Iterations = training.Iterations - rewind }, new TrainingHooks
            {
                Stage = plan.Stage,
                Level = plan.Level,
                Progress = progress,
                Distillation = plan.Distillation,
                Cancellation = cancellation,
                SnapshotAtIteration = dense ? rewind : null,
                SnapshotTaken = dense ? w => StateFiles.SaveWeights(folder.RewindPath, w) : null,
            });
            StateFiles.SaveWeights(folder.TrainedPath(plan.Name), network.GetWeights());
        }

        TrainingResult? reinit = null;
        if (options.RandomReinitControl && !dense && plan.Distillation is null)
        {
            using var network = new MaskedNetwork(options.LayerSizes);
            network.SetMask(plan.Mask);
            network.InitializeGlorot(options.Seed + ReinitSeedOffset + plan.Level);
            StateFiles.SaveWeights(folder.ReinitStartPath(plan.Name), network.GetWeights());
            reinit = MaskedTrainer.Train(network, data, training, new TrainingHooks
            {
                Stage = "reinit",
                Level = plan.Level,
                Progress = progress,
                Cancellation = cancellation,
            });
        }

        var result = new ImpLevelResult(plan.Level, plan.Name, density, plan.Mask.LayerDensities, ticket, reinit);
        folder.SaveResult(result);
        progress?.Report(new LotteryProgress(ProgressKind.Finished, plan.Stage, plan.Level, density, ticket.Iterations, ticket.History[^1].Epoch, ticket.Best,
            reinit is null ? null : FormattableString.Invariant($"reinit test-acc {reinit.TestAccuracyAtEarlyStop * 100:0.00}% at it {reinit.EarlyStopIteration}")));
        return result;
    }

    private sealed record LevelPlan(int Level, string Name, NetworkMask Mask, string Stage, Distillation? Distillation);
}
