using System.Globalization;
using SparseCompile.Cli.Diffing;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes a <see cref="DiffReport"/> for people: one row per key, then the overall distance.</summary>
internal static class DiffTableRenderer
{
    /// <summary>Renders the report.</summary>
    public static void Render(DiffReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        Tables.Section(console, $"Mask distance between {report.A} (a) and {report.B} (b)");
        if (report.Tensors.Count > 0)
        {
            var table = Tables.New(["Key", "Shape", "Elements", "Density a", "Density b", "Differing", "Distance"],
                "Elements", "Density a", "Density b", "Differing", "Distance");
            foreach (var tensor in report.Tensors)
            {
                table.AddRow(
                    new Text(tensor.Name),
                    new Text(Format.Dims(tensor.Dims)),
                    new Text(Format.Count(tensor.Count)),
                    new Text(Format.Percent(tensor.DensityA)),
                    new Text(Format.Percent(tensor.DensityB)),
                    new Text(Format.Count(tensor.DifferingCount)),
                    new Text(Distance(tensor.Distance), tensor.DifferingCount == 0 ? Tables.Dim : Style.Plain));
            }

            console.Write(table);
        }

        Tables.Line(console,
            $"Overall distance {Distance(report.Distance)}: {Format.Count(report.DifferingCount)} of {Format.Count(report.Count)} "
            + $"positions differ over {Format.Count(report.Tensors.Count)} masks.");
    }

    /// <summary>A distance with four decimals (0.0312), exact zero as 0.</summary>
    public static string Distance(double value) =>
        value == 0 ? "0" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
