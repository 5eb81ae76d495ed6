using System.Text.Json;
using SparseCompile.Cli.Compilation;
using SparseCompile.Cli.Options;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Rendering;

/// <summary>
/// Writes a <see cref="CompileReport"/> as the <c>sparsec compile --json</c> document (see SparsityJson.md). The
/// totals, weights and warnings use the manifest's names and rounding, so the two agree value for value.
/// </summary>
internal static class CompileJsonRenderer
{
    /// <summary>The document as a string.</summary>
    public static string Render(CompileReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOutput.Render(json => Write(json, report));
    }

    private static void Write(Utf8JsonWriter json, CompileReport report)
    {
        var options = report.Options;
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteString("model", options.ModelPath);
        json.WriteStartObject("options");
        json.WriteString("sparsity", options.Sparsity?.ToString() ?? PatternOptions.None);
        json.WriteNullableString("mask", options.MaskPath);
        json.WriteStartArray("exclude");
        foreach (string pattern in options.Exclude)
        {
            json.WriteStringValue(pattern);
        }

        json.WriteEndArray();
        json.WriteString("quantize", QuantizeOptions.Name(options.Quantization.Mode));
        if (options.Quantization.Mode == QuantizationMode.Static)
        {
            json.WriteStartObject("calibration");
            json.WriteNullableString("data", options.Quantization.CalibrationPath);
            json.WriteString("method", QuantizeOptions.Name(options.Quantization.Calibration));
            json.WriteNumber("percentile", options.Quantization.Percentile);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("calibration");
        }

        json.WriteEndObject();
        json.WriteStartObject("outputs");
        json.WriteString("model", report.Outputs.Model);
        json.WriteNullableString("externalData", report.Outputs.ExternalData);
        json.WriteString("manifest", report.Outputs.Manifest);
        json.WriteString("report", report.Outputs.Report);
        json.WriteEndObject();
        ManifestSections.WriteTotals(json, report.Result.Summary);
        ManifestSections.WriteWeights(json, report.Result.Weights);
        WarningLines.WriteJson(json, report.Result.Warnings);
        if (report.Gate is { } gate)
        {
            GateJson.Write(json, gate);
        }

        json.WriteEndObject();
    }
}
