using System.Globalization;
using SparseCompile.Compiler.Evaluation;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>The per-output table of an evaluation, shared by <c>eval</c> and the gate of <c>compile</c>.</summary>
internal static class FidelityTable
{
    /// <summary>One row per output: cosines, sentence cosines, max error, top-1 agreement.</summary>
    public static Table Create(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = Tables.New(["Output", "Shape", "Mean cos", "Min cos", "Sentence cos", "Min sentence cos", "Max abs error", "Top-1 agree"],
            "Mean cos", "Min cos", "Sentence cos", "Min sentence cos", "Max abs error", "Top-1 agree");
        foreach (var output in result.Outputs)
        {
            table.AddRow(
                new Text(output.Name),
                new Text(Format.Dims(output.Dims)),
                new Text(Cosine(output.MeanCosine)),
                new Text(Cosine(output.MinCosine)),
                Optional(output.SentenceMeanCosine, Cosine),
                Optional(output.SentenceMinCosine, Cosine),
                new Text(Error(output.MaxAbsError)),
                Optional(output.Top1Agreement, Format.Percent));
        }

        return table;
    }

    /// <summary>A cosine with four decimals (0.9809); NaN as NaN.</summary>
    public static string Cosine(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>An absolute error with four significant digits.</summary>
    public static string Error(double value) => double.IsNaN(value) ? "NaN" : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The accuracy line: both accuracies and the drop.</summary>
    public static string Accuracy(AccuracyComparison accuracy)
    {
        ArgumentNullException.ThrowIfNull(accuracy);
        return $"Top-1 accuracy on {Format.Count(accuracy.Count)} labelled rows of '{accuracy.Output}': reference {Format.Percent(accuracy.ReferenceAccuracy)}, "
            + $"candidate {Format.Percent(accuracy.CandidateAccuracy)} ({accuracy.DropPoints.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)} pp drop).";
    }

    private static Text Optional(double? value, Func<double, string> format) =>
        value is double v ? new Text(format(v)) : new Text("n/a", Tables.Dim);
}
