using System.Text.Json;
using SparseCompile.Cli.EarlyBirds;
using SparseCompile.Cli.Options;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes an <see cref="EarlyBirdResult"/> as the <c>sparsec earlybird --json</c> document (see SparsityJson.md).</summary>
internal static class EarlyBirdJsonRenderer
{
    /// <summary>The document as a string.</summary>
    public static string Render(EarlyBirdResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonOutput.Render(json => Write(json, result));
    }

    private static void Write(Utf8JsonWriter json, EarlyBirdResult result)
    {
        var report = result.Report;
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteNumber("density", result.Density);
        json.WriteString("scope", ScopeOption.Name(result.Scope));
        json.WriteNumber("threshold", report.Threshold);
        json.WriteNumber("window", report.Window);
        json.WriteNumber("weightCount", result.WeightCount);
        json.WriteNumber("parameterCount", result.ParameterCount);
        if (report.EmergedAt is int at)
        {
            json.WriteNumber("emergedAt", at);
        }
        else
        {
            json.WriteNull("emergedAt");
        }

        json.WriteNullableString("emergedFile", result.EmergedFile);
        json.WriteStartArray("checkpoints");
        foreach (var checkpoint in report.Checkpoints)
        {
            json.WriteStartObject();
            json.WriteNumber("index", checkpoint.Index);
            json.WriteString("file", result.Files[checkpoint.Index]);
            json.WriteStartArray("distances");
            foreach (var distance in checkpoint.Distances)
            {
                json.WriteStartObject();
                json.WriteNumber("predecessor", distance.Predecessor);
                json.WriteString("file", result.Files[distance.Predecessor]);
                json.WriteFraction("distance", distance.Distance);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteFraction("maxDistance", checkpoint.MaxDistance);
            json.WriteBoolean("windowFull", checkpoint.IsWindowFull);
            json.WriteBoolean("withinThreshold", checkpoint.IsWithinThreshold);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WarningLines.WriteJson(json, result.Warnings);
        json.WriteEndObject();
    }
}
