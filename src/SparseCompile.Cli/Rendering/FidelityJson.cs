using System.Text.Json;
using SparseCompile.Compiler.Evaluation;

namespace SparseCompile.Cli.Rendering;

/// <summary>The JSON of evaluation results, shared by <c>eval --json</c> and the gate of <c>compile --json</c> (see EvalJson.md).</summary>
internal static class FidelityJson
{
    /// <summary>Writes a measure rounded to six decimals; NaN (a non-finite output) as null.</summary>
    public static void WriteMeasure(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, JsonOutput.Fraction(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes the <c>cosine</c>, <c>outputs</c> and <c>accuracy</c> properties of <paramref name="result"/>.</summary>
    public static void WriteResult(Utf8JsonWriter json, EvaluationResult result)
    {
        json.WriteNumber("samples", result.Samples);
        json.WriteMeasure("cosine", result.Cosine());
        json.WriteStartArray("outputs");
        foreach (var output in result.Outputs)
        {
            json.WriteStartObject();
            json.WriteString("name", output.Name);
            json.WriteDims("shape", output.Dims);
            json.WriteString("metric", output.HeadlineMetric);
            json.WriteMeasure("meanCosine", output.MeanCosine);
            json.WriteMeasure("minCosine", output.MinCosine);
            json.WriteMeasure("sentenceMeanCosine", output.SentenceMeanCosine);
            json.WriteMeasure("sentenceMinCosine", output.SentenceMinCosine);
            json.WriteMeasure("maxAbsError", output.MaxAbsError);
            json.WriteMeasure("top1Agreement", output.Top1Agreement);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (result.Accuracy is { } accuracy)
        {
            json.WriteStartObject("accuracy");
            json.WriteString("output", accuracy.Output);
            json.WriteNumber("count", accuracy.Count);
            json.WriteNumber("referenceCorrect", accuracy.ReferenceCorrect);
            json.WriteNumber("candidateCorrect", accuracy.CandidateCorrect);
            json.WriteMeasure("referenceAccuracy", accuracy.ReferenceAccuracy);
            json.WriteMeasure("candidateAccuracy", accuracy.CandidateAccuracy);
            json.WriteMeasure("dropPoints", accuracy.DropPoints);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("accuracy");
        }
    }
}
