using System.Text.Json;
using SparseCompile.Cli.Diffing;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes a <see cref="DiffReport"/> as the <c>sparsec diff --json</c> document (see SparsityJson.md).</summary>
internal static class DiffJsonRenderer
{
    /// <summary>The document as a string.</summary>
    public static string Render(DiffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOutput.Render(json => Write(json, report));
    }

    private static void Write(Utf8JsonWriter json, DiffReport report)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteString("a", report.A);
        json.WriteString("b", report.B);
        json.WriteStartObject("total");
        json.WriteNumber("maskCount", report.Tensors.Count);
        json.WriteNumber("count", report.Count);
        json.WriteNumber("differingCount", report.DifferingCount);
        json.WriteFraction("distance", report.Distance);
        json.WriteEndObject();
        json.WriteStartArray("masks");
        foreach (var tensor in report.Tensors)
        {
            json.WriteStartObject();
            json.WriteString("name", tensor.Name);
            json.WriteDims("shape", tensor.Dims);
            json.WriteNumber("count", tensor.Count);
            json.WriteNumber("keptCountA", tensor.KeptA);
            json.WriteNumber("keptCountB", tensor.KeptB);
            json.WriteNumber("differingCount", tensor.DifferingCount);
            json.WriteFraction("distance", tensor.Distance);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
