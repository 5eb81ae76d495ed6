using System.Text.Json;
using SparseCompile.Compiler.Evaluation;

namespace SparseCompile.Cli.Rendering;

/// <summary>The <c>gate</c> object of <c>sparsec compile --json</c> (see EvalJson.md).</summary>
internal static class GateJson
{
    /// <summary>Writes <c>"gate": {...}</c>.</summary>
    public static void Write(Utf8JsonWriter json, GateReport gate)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(gate);
        json.WriteStartObject("gate");
        json.WriteString("data", gate.Data);
        json.WriteNumber("samples", gate.Samples);
        json.WriteMeasure("minCosine", gate.MinCosine);
        json.WriteMeasure("maxDrop", gate.MaxDrop);
        json.WriteString("metric", gate.Metric);
        json.WriteString("metricOutput", gate.MetricOutput);
        json.WriteMeasure("cosineBefore", gate.CosineBefore);
        json.WriteMeasure("cosineAfter", gate.CosineAfter);
        json.WriteMeasure("accuracyDropBefore", gate.Before.Accuracy?.DropPoints);
        json.WriteMeasure("accuracyDropAfter", gate.Final.Accuracy?.DropPoints);
        json.WriteBoolean("fallbackUsed", gate.FallbackUsed);
        WriteNames(json, "keptDense", gate.KeptDense);
        WriteNames(json, "keptFloat", gate.KeptFloat);
        json.WriteNumber("evaluations", gate.Evaluations);
        json.WriteStartArray("sensitivities");
        foreach (var s in gate.Sensitivities)
        {
            json.WriteStartObject();
            json.WriteString("weight", s.Weight);
            json.WriteString("node", s.Node);
            json.WriteString("change", s.Change);
            json.WriteMeasure("cosine", s.Cosine);
            json.WriteBoolean("kept", s.Kept);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("final");
        FidelityJson.WriteResult(json, gate.Final);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter json, string name, IReadOnlyList<string> names)
    {
        json.WriteStartArray(name);
        foreach (string n in names)
        {
            json.WriteStringValue(n);
        }

        json.WriteEndArray();
    }
}
