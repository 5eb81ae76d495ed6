using LotteryTicket.Report;
using SparseCompile.Lottery.Imp;
using SparseCompile.Lottery.Training;

namespace LotteryTicket;

/// <summary>Gathers the seeds' IMP runs into one summary per level.</summary>
internal static class ReproductionSummary
{
    /// <summary>Level k of every run, side by side (the runs share the schedule, so level k has the same Pm in each).</summary>
    public static IReadOnlyList<LevelSummary> Levels(IReadOnlyList<ImpRunResult> runs) =>
        Enumerable.Range(0, runs.Min(r => r.Levels.Count)).Select(k => new LevelSummary(
            k,
            runs[0].Levels[k].Density * 100,
            runs.Select(r => Result(r.Levels[k].Ticket)).ToList(),
            runs.Where(r => r.Levels[k].RandomReinit is not null).Select(r => Result(r.Levels[k].RandomReinit!)).ToList())).ToList();

    /// <summary>The N:M rounds (with their Pm), or null when the runs had none.</summary>
    public static LevelSummary? NMRound(IReadOnlyList<ImpRunResult> runs) =>
        runs.All(r => r.NMRound is not null)
            ? new LevelSummary(runs[0].NMRound!.Level, runs[0].NMRound!.Density * 100, runs.Select(r => Result(r.NMRound!.Ticket)).ToList(), [])
            : null;

    /// <summary>The seconds every training of the runs took, summed from the run folders (so a resumed run still reports the whole).</summary>
    public static double TrainingSeconds(IReadOnlyList<ImpRunResult> runs) =>
        runs.SelectMany(r => r.Levels.Append(r.NMRound).OfType<ImpLevelResult>())
            .Sum(l => l.Ticket.Seconds + (l.RandomReinit?.Seconds ?? 0));

    private static RunResult Result(TrainingResult training) => new(training.TestAccuracyAtEarlyStop, training.EarlyStopIteration);
}
