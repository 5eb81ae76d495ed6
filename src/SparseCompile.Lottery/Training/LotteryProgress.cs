using System.Globalization;

namespace SparseCompile.Lottery.Training;

/// <summary>What a <see cref="LotteryProgress"/> report is about.</summary>
public enum ProgressKind
{
    /// <summary>A level (or the Early-Bird search) starts training.</summary>
    Started,

    /// <summary>An evaluation during training.</summary>
    Evaluation,

    /// <summary>An epoch ended (Early-Bird search: with the mask distance).</summary>
    Epoch,

    /// <summary>A level finished and was saved.</summary>
    Finished,

    /// <summary>A level was found finished in the run folder and skipped.</summary>
    Resumed,
}

/// <summary>A progress report; <see cref="ToString"/> is the console line.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Stage">Which training: "dense", "ticket", "reinit", "nm", "earlybird".</param>
/// <param name="Level">The IMP level (0 is dense), or null outside IMP.</param>
/// <param name="Density">The fraction of weights kept, when known.</param>
/// <param name="Iteration">Optimizer steps done.</param>
/// <param name="Epoch">The epoch (1-based).</param>
/// <param name="Point">The evaluation, for <see cref="ProgressKind.Evaluation"/> and <see cref="ProgressKind.Finished"/>.</param>
/// <param name="Detail">Extra text (e.g. the Early-Bird distance).</param>
/// <param name="TotalIterations">The iterations the training will run, when known (for a progress bar).</param>
public sealed record LotteryProgress(
    ProgressKind Kind, string Stage, int? Level, double? Density, int Iteration, int Epoch, EvaluationPoint? Point, string? Detail = null,
    int? TotalIterations = null)
{
    /// <summary>One line: level, stage, density, iteration/epoch, losses and accuracies.</summary>
    public override string ToString()
    {
        var parts = new List<string> { Kind.ToString().ToLowerInvariant() };
        if (Level is int level)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"level {level}"));
        }

        parts.Add(Stage);
        if (Density is double density)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"Pm {density * 100:0.0}%"));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"it {Iteration} ep {Epoch}"));
        if (Point is { } p)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"train {p.TrainLoss:0.0000} val {p.ValidationLoss:0.0000} val-acc {p.ValidationAccuracy * 100:0.00}% test-acc {p.TestAccuracy * 100:0.00}%"));
        }

        if (Detail is not null)
        {
            parts.Add(Detail);
        }

        return string.Join(" | ", parts);
    }
}
