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
        WriteTotals(json, report.Result.Summary);
        WriteWeights(json, report.Result.Weights);
        WarningLines.WriteJson(json, report.Result.Warnings);
        if (report.Gate is { } gate)
        {
            GateJson.Write(json, gate);
        }

        json.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter json, CompileSummary summary)
    {
        json.WriteStartObject("totals");
        json.WriteNumber("prunableWeights", summary.PrunableWeights);
        json.WriteNumber("sparsified", summary.Sparsified);
        json.WriteNumber("skipped", summary.Skipped);
        json.WriteNumber("prunableParameters", summary.PrunableParameters);
        json.WriteNumber("sparsifiedParameters", summary.SparsifiedParameters);
        json.WriteFraction("densityBefore", summary.DensityBefore);
        json.WriteFraction("densityAfter", summary.DensityAfter);
        json.WriteFraction("maskRetention", summary.MaskRetention);
        json.WriteFraction("maskDistance", summary.MaskDistance);
        json.WriteNumber("inputModelBytes", summary.InputModelBytes);
        json.WriteNumber("outputModelBytes", summary.OutputModelBytes);
        json.WriteEndObject();
    }

    private static void WriteWeights(Utf8JsonWriter json, IReadOnlyList<WeightOutcome> weights)
    {
        json.WriteStartArray("weights");
        foreach (var weight in weights)
        {
            json.WriteStartObject();
            json.WriteString("name", weight.Name);
            json.WriteString("opType", weight.OpType);
            json.WriteDims("shape", weight.Dims);
            json.WriteNumber("reductionAxis", weight.ReductionAxis);
            json.WriteString("pattern", weight.Pattern);
            json.WriteFraction("densityBefore", weight.DensityBefore);
            json.WriteFraction("densityAfter", weight.DensityAfter);
            json.WriteBoolean("compliant", weight.Compliant);
            json.WriteNullableString("maskKey", weight.MaskKey);
            json.WriteFraction("maskDensity", weight.MaskDensity);
            json.WriteFraction("maskRetention", weight.MaskRetention);
            json.WriteFraction("maskDistance", weight.MaskDistance);
            if (weight.Skipped)
            {
                json.WriteStartObject("skipped");
                json.WriteString("code", weight.SkipCode);
                json.WriteNullableString("reason", weight.SkipReason);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("skipped");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
