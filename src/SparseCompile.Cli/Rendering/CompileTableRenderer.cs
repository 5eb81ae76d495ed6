using SparseCompile.Cli.Compilation;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes the end of <c>sparsec compile</c>'s human output: a short summary table (warnings go to stderr separately).</summary>
internal static class CompileTableRenderer
{
    /// <summary>Renders the summary.</summary>
    public static void Render(CompileReport report, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);
        var options = report.Options;
        var summary = report.Result.Summary;
        string pattern = options.Sparsity is { } p ? $"{p} sparsity" : "no N:M pattern";
        string mask = options.MaskPath is null ? string.Empty : $" and mask {options.MaskPath}";
        string quantize = options.Quantization.Mode == Compiler.Pipeline.QuantizationMode.None ? string.Empty
            : $", {Options.QuantizeOptions.Name(options.Quantization.Mode)} INT8";
        Tables.Section(console, $"Compiled {options.ModelPath} with {pattern}{mask}{quantize}");

        var table = Tables.Summary()
            .Row("Weights", $"{Format.Count(summary.Sparsified)} sparsified, {Format.Count(summary.Skipped)} skipped (of {Format.Count(summary.PrunableWeights)})")
            .Row("Parameters", $"{Format.Count(summary.SparsifiedParameters)} of {Format.Count(summary.PrunableParameters)} prunable sparsified")
            .Row("Density", $"{Format.Percent(summary.DensityBefore)} → {Format.Percent(summary.DensityAfter)}");
        if (options.MaskPath is not null)
        {
            table.Row("Mask retention", summary.MaskRetention is double retention
                ? $"{Format.Percent(retention)} of the mask's weights kept"
                : "n/a (no N:M restructuring)");
        }

        table.Row("Model size", $"{Format.Bytes(summary.InputModelBytes)} → {Format.Bytes(summary.OutputModelBytes)}");
        if (summary.CompressedModelBytes is long compressed)
        {
            double ratio = (double)summary.InputModelBytes / Math.Max(1, compressed);
            table.Row("Shipped (Brotli)", $"{Format.Bytes(compressed)}, {ratio.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}× smaller than the input");
        }

        table.Row("Model", report.Outputs.Model);
        if (report.Outputs.ExternalData is { } data)
        {
            table.Row("External data", data);
        }

        table.Row("Manifest", report.Outputs.Manifest)
            .Row("Report", report.Outputs.Report);
        console.Write(table);
    }
}
