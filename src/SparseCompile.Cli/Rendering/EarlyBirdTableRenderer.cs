using System.Globalization;
using SparseCompile.Cli.EarlyBirds;
using SparseCompile.Cli.Weights;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>
/// Writes an <see cref="EarlyBirdResult"/> for people: one row per checkpoint with its mask's distance to each
/// predecessor in the window (column -k: the checkpoint k before it), then the verdict.
/// </summary>
internal static class EarlyBirdTableRenderer
{
    /// <summary>Renders the result.</summary>
    public static void Render(EarlyBirdResult result, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        var report = result.Report;
        string scope = result.Scope == MaskScope.Global ? "ranked globally" : "ranked per weight";
        Tables.Section(console,
            $"Early-Bird search over {Format.Count(result.Files.Count)} checkpoints: masks at density {Format.Percent(result.Density)} "
            + $"({scope}) of {Format.Count(result.WeightCount)} weights, {Format.Count(result.ParameterCount)} parameters");
        console.Write(Matrix(result));
        Tables.Line(console, Verdict(result));
        Tables.Line(console, "Distance: normalized Hamming distance between two checkpoints' masks (1 - matching/total over all weights).", Tables.Dim);
    }

    private static Table Matrix(EarlyBirdResult result)
    {
        var report = result.Report;
        var headers = new List<string> { "#", "Checkpoint" };
        var distanceHeaders = Enumerable.Range(1, report.Window - 1).Select(k => string.Create(CultureInfo.InvariantCulture, $"-{k}")).ToArray();
        headers.AddRange(distanceHeaders);
        headers.Add("Within");
        var table = Tables.New(headers, ["#", .. distanceHeaders]);
        foreach (var checkpoint in report.Checkpoints)
        {
            var cells = new List<Text>
            {
                new(checkpoint.Index.ToString(CultureInfo.InvariantCulture)),
                new(result.Files[checkpoint.Index]),
            };
            for (int k = 1; k < report.Window; k++)
            {
                int predecessor = checkpoint.Index - k;
                var distance = checkpoint.Distances.Where(d => d.Predecessor == predecessor).Select(d => (double?)d.Distance).FirstOrDefault();
                cells.Add(distance is double value
                    ? new Text(DiffTableRenderer.Distance(value), value <= report.Threshold ? Tables.Good : Tables.Bad)
                    : new Text(string.Empty));
            }

            cells.Add(!checkpoint.IsWindowFull
                ? new Text("-", Tables.Dim)
                : checkpoint.IsWithinThreshold ? new Text("yes", Tables.Good) : new Text("no", Tables.Bad));
            table.AddRow(cells);
        }

        return table;
    }

    private static string Verdict(EarlyBirdResult result)
    {
        var report = result.Report;
        string threshold = report.Threshold.ToString("0.####", CultureInfo.InvariantCulture);
        int previous = report.Window - 1;
        if (report.EmergedAt is int at)
        {
            return $"Early-Bird ticket at checkpoint {at} ({result.EmergedFile}): its mask is within {threshold} of each of the {previous} masks before it.";
        }

        string verdict = $"No Early-Bird ticket: no checkpoint's mask is within {threshold} of each of the {previous} masks before it";
        return result.Files.Count < report.Window
            ? verdict + $" (the rule needs at least {report.Window} checkpoints; {result.Files.Count} given)."
            : verdict + ".";
    }
}
