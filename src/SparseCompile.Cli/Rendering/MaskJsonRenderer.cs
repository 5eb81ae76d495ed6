using System.Text.Json;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Weights;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes a <see cref="MaskReport"/> as the <c>sparsec mask --json</c> document (see SparsityJson.md).</summary>
internal static class MaskJsonRenderer
{
    /// <summary>The document as a string.</summary>
    public static string Render(MaskReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOutput.Render(json => Write(json, report));
    }

    private static void Write(Utf8JsonWriter json, MaskReport report)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteString("model", report.Model);
        json.WriteString("output", report.Output);
        json.WriteNumber("density", report.Density);
        json.WriteString("scope", ScopeOption.Name(report.Scope));
        json.WriteNullableString("sparsity", report.Sparsity?.ToString());
        json.WriteStartObject("total");
        json.WriteNumber("maskCount", report.Weights.Count);
        json.WriteNumber("count", report.Count);
        json.WriteNumber("keptCount", report.KeptCount);
        json.WriteFraction("density", report.OverallDensity);
        json.WriteEndObject();
        json.WriteStartArray("masks");
        foreach (var entry in report.Weights)
        {
            json.WriteStartObject();
            json.WriteString("name", entry.Name);
            json.WriteString("opType", entry.OpType);
            json.WriteDims("shape", entry.Dims);
            json.WriteNumber("count", entry.Count);
            json.WriteNumber("keptCount", entry.KeptCount);
            json.WriteFraction("density", entry.Density);
            if (entry.PatternApplied is bool applied)
            {
                json.WriteBoolean("patternApplied", applied);
            }
            else
            {
                json.WriteNull("patternApplied");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WarningLines.WriteJson(json, report.Warnings);
        json.WriteEndObject();
    }
}
