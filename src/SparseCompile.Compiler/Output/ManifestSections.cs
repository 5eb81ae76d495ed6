using System.Text.Json;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// The parts of the manifest that other documents repeat (<c>sparsec compile --json</c>), written by one piece of code
/// so the two agree value for value: totals, per-weight outcomes, warnings, and the rounding of fractions.
/// </summary>
public static class ManifestSections
{
    /// <summary>Writes <c>"totals"</c>.</summary>
    public static void WriteTotals(Utf8JsonWriter json, CompileSummary summary)
    {
        json.WriteStartObject("totals");
        json.WriteNumber("prunableWeights", summary.PrunableWeights);
        json.WriteNumber("sparsified", summary.Sparsified);
        json.WriteNumber("skipped", summary.Skipped);
        json.WriteNumber("prunableParameters", summary.PrunableParameters);
        json.WriteNumber("sparsifiedParameters", summary.SparsifiedParameters);
        json.WriteNumber("densityBefore", Round(summary.DensityBefore));
        json.WriteNumber("densityAfter", Round(summary.DensityAfter));
        WriteOptional(json, "maskRetention", summary.MaskRetention);
        WriteOptional(json, "maskDistance", summary.MaskDistance);
        json.WriteNumber("inputModelBytes", summary.InputModelBytes);
        json.WriteNumber("outputModelBytes", summary.OutputModelBytes);
        if (summary.CompressedModelBytes is long compressed)
        {
            json.WriteNumber("compressedModelBytes", compressed);
        }
        else
        {
            json.WriteNull("compressedModelBytes");
        }
        json.WriteEndObject();
    }

    /// <summary>Writes <c>"weights"</c>, one object per weight in the given order.</summary>
    public static void WriteWeights(Utf8JsonWriter json, IEnumerable<WeightOutcome> outcomes)
    {
        json.WriteStartArray("weights");
        foreach (var outcome in outcomes)
        {
            json.WriteStartObject();
            json.WriteString("name", outcome.Name);
            json.WriteString("opType", outcome.OpType);
            json.WriteStartArray("shape");
            foreach (long d in outcome.Dims)
            {
                json.WriteNumberValue(d);
            }

            json.WriteEndArray();
            json.WriteNumber("reductionAxis", outcome.ReductionAxis);
            json.WriteString("pattern", outcome.Pattern);
            json.WriteNumber("densityBefore", Round(outcome.DensityBefore));
            json.WriteNumber("densityAfter", Round(outcome.DensityAfter));
            json.WriteBoolean("compliant", outcome.Compliant);
            json.WriteString("maskKey", outcome.MaskKey);
            WriteOptional(json, "maskDensity", outcome.MaskDensity);
            WriteOptional(json, "maskRetention", outcome.MaskRetention);
            WriteOptional(json, "maskDistance", outcome.MaskDistance);
            if (outcome.Skipped)
            {
                json.WriteStartObject("skipped");
                json.WriteString("code", outcome.SkipCode);
                json.WriteString("reason", outcome.SkipReason);
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

    /// <summary>Writes <c>"warnings"</c>.</summary>
    public static void WriteWarnings(Utf8JsonWriter json, IEnumerable<CompileDiagnostic> diagnostics) =>
        WriteObjects(json, "warnings", diagnostics, (j, diagnostic) =>
        {
            j.WriteString("code", diagnostic.Code);
            j.WriteString("message", diagnostic.Message);
            j.WriteString("subject", diagnostic.Subject);
        });

    /// <summary>Writes an array named <paramref name="name"/> with one object per item, filled by <paramref name="writeItem"/>.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeItem(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Writes an array of strings.</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes a rounded fraction, or null when there is none (or it is not finite).</summary>
    public static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, Round(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Rounds a fraction for a document.</summary>
    // Six decimals: enough to read, and stable across platforms' last-bit differences in summation.
    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);
}
