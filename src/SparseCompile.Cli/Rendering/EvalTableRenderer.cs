using SparseCompile.Cli.Evaluation;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes an <see cref="EvalReport"/> for people: a row per output, then the gate cosine and the accuracy.</summary>
internal static class EvalTableRenderer
{
    /// <summary>Renders the report.</summary>
    public static void Render(EvalReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        var result = report.Result;
        Tables.Section(console, $"{report.Candidate} against {report.Reference} on {Format.Count(result.Samples)} samples ({report.Data})");
        console.Write(FidelityTable.Create(result));
        var worst = result.Outputs.MinBy(o => double.IsNaN(o.Headline) ? double.NegativeInfinity : o.Headline);
        if (worst is not null)
        {
            Tables.Line(console, $"Cosine {FidelityTable.Cosine(result.Cosine())} ({worst.HeadlineMetric} of '{worst.Name}', the lowest over the outputs).");
        }

        if (result.Accuracy is { } accuracy)
        {
            Tables.Line(console, FidelityTable.Accuracy(accuracy));
        }
    }
}
