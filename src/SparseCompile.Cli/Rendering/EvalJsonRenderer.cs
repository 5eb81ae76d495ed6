using SparseCompile.Cli.Evaluation;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes an <see cref="EvalReport"/> as the <c>sparsec eval --json</c> document (see EvalJson.md).</summary>
internal static class EvalJsonRenderer
{
    /// <summary>The document as a string.</summary>
    public static string Render(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOutput.Render(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteString("reference", report.Reference);
            json.WriteString("candidate", report.Candidate);
            json.WriteString("data", report.Data);
            json.WriteNullableString("labels", report.Labels);
            FidelityJson.WriteResult(json, report.Result);
            json.WriteEndObject();
        });
    }
}
