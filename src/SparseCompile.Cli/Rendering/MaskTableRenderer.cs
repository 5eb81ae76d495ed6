using SparseCompile.Cli.Options;
using SparseCompile.Cli.Weights;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes a <see cref="MaskReport"/> for people: one row per mask, then the overall density and the file written.</summary>
internal static class MaskTableRenderer
{
    /// <summary>Renders the report.</summary>
    public static void Render(MaskReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        string scope = report.Scope == MaskScope.Global ? "ranked globally" : "ranked per weight";
        string projected = report.Sparsity is { } p ? $", projected onto {p}" : string.Empty;
        Tables.Section(console, $"Magnitude masks of {report.Model}: density {Format.Percent(report.Density)}, {scope}{projected}");
        if (report.Weights.Count == 0)
        {
            Tables.Line(console, "No MatMul, Gemm or Conv node reads a float weight from an initializer.", Tables.Dim);
        }
        else
        {
            console.Write(Table(report));
        }

        Tables.Line(console,
            $"{Format.Count(report.KeptCount)} of {Format.Count(report.Count)} weights kept ({Format.Percent(report.OverallDensity)}) "
            + $"in {Format.Count(report.Weights.Count)} masks, written to {report.Output}.");
    }

    private static Table Table(MaskReport report)
    {
        var headers = new List<string> { "Weight", "Op", "Shape", "Elements", "Kept", "Density" };
        string? pattern = report.Sparsity?.ToString();
        if (pattern is not null)
        {
            headers.Add(pattern);
        }

        var table = Tables.New(headers, "Elements", "Kept", "Density");
        foreach (var entry in report.Weights)
        {
            var cells = new List<Text>
            {
                new(entry.Name),
                new(entry.OpType),
                new(Format.Dims(entry.Dims)),
                new(Format.Count(entry.Count)),
                new(Format.Count(entry.KeptCount)),
                new(Format.Percent(entry.Density)),
            };
            if (entry.PatternApplied is bool applied)
            {
                cells.Add(applied ? new Text("yes", Tables.Good) : new Text("n/a", Tables.Dim));
            }

            table.AddRow(cells);
        }

        return table;
    }
}
