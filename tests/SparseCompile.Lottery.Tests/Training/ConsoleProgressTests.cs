using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Tests.Training;

/// <summary>The console progress: a bar over the level's iterations, and lines when the output is a writer (a log).</summary>
public sealed class ConsoleProgressTests
{
    private static readonly EvaluationPoint Point = new(2400, 21, 0.05, 0.14, 0.954, 0.961);

    [Fact]
    public void TheBarShowsStageLevelDensityIterationsEpochAndAccuracy()
    {
        var progress = new LotteryProgress(ProgressKind.Evaluation, "ticket", 3, 0.513, 2400, 21, Point, TotalIterations: 6000);

        string bar = ConsoleProgress.Bar(progress, 6000);

        Assert.Equal("ticket level 3 Pm 51.3% [##########..............] 2400/6000 ep 21 val-acc 95.40% test-acc 96.10%", bar);
        Assert.Contains("[" + new string('#', 24) + "]", ConsoleProgress.Bar(progress with { Iteration = 6000 }, 6000));
        Assert.Contains("[" + new string('.', 24) + "]", ConsoleProgress.Bar(progress with { Iteration = 0, Point = null }, 6000));
    }

    [Fact]
    public void AWriterGetsLinesAndEvaluationsOnlyWhenAskedFor()
    {
        var evaluation = new LotteryProgress(ProgressKind.Evaluation, "ticket", 1, 0.8, 100, 1, Point, TotalIterations: 6000);
        var finished = new LotteryProgress(ProgressKind.Finished, "ticket", 1, 0.8, 6000, 52, Point);
        var all = new StringWriter();
        var levelsOnly = new StringWriter();

        foreach (var report in new[] { evaluation, finished })
        {
            new ConsoleProgress(all).Report(report);
            new ConsoleProgress(levelsOnly, evaluations: false).Report(report);
        }

        Assert.Equal([evaluation.ToString(), finished.ToString()], all.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal([finished.ToString()], levelsOnly.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
