using OnnxValueType = SparseCompile.Onnx.Graph.ValueType;
using System.Text.Json;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Writes <c>&lt;name&gt;.sparsemodel.json</c>: the compiled model's contract (inputs and outputs with
/// types and shapes), what happened to every weight, the options, and the SHA-256 of every input.
/// Property order is fixed and nothing depends on the machine (no absolute paths, no clock), so the
/// same inputs give byte-identical manifests.
/// </summary>
public static class ManifestWriter
{
    /// <summary>The manifest schema's version; readers refuse versions they do not know.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The manifest as UTF-8 bytes.</summary>
    public static byte[] Write(CompilationContext context, CompileSummary summary, string modelFileName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteStartObject("generator");
            json.WriteString("name", "SparseCompile");
            json.WriteString("version", GeneratorVersion.Value);
            json.WriteEndObject();
            WriteModel(json, context.Model, modelFileName);
            WriteValues(json, "inputs", context.Model.Graph.RuntimeInputs);
            WriteValues(json, "outputs", context.Model.Proto.Graph.Output);
            WriteOptions(json, context.Options);
            WriteSources(json, context.InputFiles);
            ManifestSections.WriteTotals(json, summary);
            ManifestSections.WriteWeights(json, context.Weights.Select(w => context.Outcomes[w.Name]));
            WriteChanges(json, context.Changes);
            WriteQuantized(json, context.Quantized);
            WriteGate(json, context.Options.AccuracyGate);
            ManifestSections.WriteWarnings(json, context.Diagnostics);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteModel(Utf8JsonWriter json, OnnxModel model, string fileName)
    {
        json.WriteStartObject("model");
        json.WriteString("file", fileName);
        json.WriteNumber("irVersion", model.Proto.IrVersion);
        json.WriteString("producer", model.Proto.ProducerName);
        json.WriteString("producerVersion", model.Proto.ProducerVersion);
        ManifestSections.WriteObjects(json, "opsets", model.Proto.OpsetImport.OrderBy(o => o.Domain, StringComparer.Ordinal), (j, opset) =>
        {
            j.WriteString("domain", opset.Domain.Length == 0 ? "ai.onnx" : opset.Domain);
            j.WriteNumber("version", opset.Version);
        });
        json.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IEnumerable<Onnx.Protos.ValueInfoProto> values) =>
        ManifestSections.WriteObjects(json, name, values.Select(OnnxValueType.Of), WriteValue);

    private static void WriteValue(Utf8JsonWriter json, OnnxValueType value)
    {
        json.WriteString("name", value.Name);
        json.WriteString("elementType", value.ElementTypeName);
        json.WritePropertyName("shape");
        if (value.Shape.Dims is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartArray();
        foreach (var dim in value.Shape.Dims)
        {
            if (dim.Value is long fixedSize)
            {
                json.WriteNumberValue(fixedSize);
            }
            else if (dim.Symbol is not null)
            {
                json.WriteStringValue(dim.Symbol);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteOptions(Utf8JsonWriter json, CompileOptions options)
    {
        json.WriteStartObject("options");
        json.WriteString("sparsity", options.Sparsity?.ToString() ?? "none");
        json.WriteString("quantization", options.Quantization.Mode.ToString().ToLowerInvariant());
        json.WriteString("mask", options.MaskPath is null ? null : Path.GetFileName(options.MaskPath));
        ManifestSections.WriteStrings(json, "exclude", options.Exclude);
        json.WriteNumber("embeddingBits", options.Quantization.EmbeddingBits);
        json.WriteEndObject();
    }

    private static void WriteSources(Utf8JsonWriter json, IEnumerable<InputFileHash> files) =>
        ManifestSections.WriteObjects(json, "sources", files, (j, file) =>
        {
            j.WriteString("role", file.Role);
            j.WriteString("file", file.Name);
            j.WriteNumber("bytes", file.Bytes);
            j.WriteString("sha256", file.Sha256);
        });

    private static void WriteChanges(Utf8JsonWriter json, IEnumerable<GraphChange> changes) =>
        ManifestSections.WriteObjects(json, "graphChanges", changes, (j, change) =>
        {
            j.WriteString("pass", change.Pass);
            j.WriteString("description", change.Description);
            j.WriteString("subject", change.Subject);
        });

    private static void WriteQuantized(Utf8JsonWriter json, IEnumerable<QuantizedWeight> weights) =>
        ManifestSections.WriteObjects(json, "quantized", weights, (j, weight) =>
        {
            j.WriteString("node", weight.Node);
            j.WriteString("opType", weight.OpType);
            j.WriteString("weight", weight.Weight);
            j.WriteString("mode", weight.Mode);
            if (weight.Axis is int axis)
            {
                j.WriteNumber("axis", axis);
            }
            else
            {
                j.WriteNull("axis");
            }

            j.WriteNumber("minScale", weight.MinScale);
            j.WriteNumber("maxScale", weight.MaxScale);
            j.WriteString("activationRange", weight.ActivationRange);
            j.WriteNumber("bits", weight.Bits);
        });

    private static void WriteGate(Utf8JsonWriter json, AccuracyGateSummary? gate)
    {
        if (gate is null)
        {
            json.WriteNull("accuracyGate");
            return;
        }

        json.WriteStartObject("accuracyGate");
        json.WriteString("data", gate.Data);
        json.WriteNumber("samples", gate.Samples);
        ManifestSections.WriteOptional(json, "minCosine", gate.MinCosine);
        ManifestSections.WriteOptional(json, "maxDrop", gate.MaxDrop);
        json.WriteString("metric", gate.Metric);
        json.WriteString("metricOutput", gate.MetricOutput);
        ManifestSections.WriteOptional(json, "cosineBefore", gate.CosineBefore);
        ManifestSections.WriteOptional(json, "cosineAfter", gate.CosineAfter);
        ManifestSections.WriteOptional(json, "accuracyDropBefore", gate.AccuracyDropBefore);
        ManifestSections.WriteOptional(json, "accuracyDropAfter", gate.AccuracyDropAfter);
        json.WriteBoolean("fallbackUsed", gate.FallbackUsed);
        ManifestSections.WriteStrings(json, "keptDense", gate.KeptDense);
        ManifestSections.WriteStrings(json, "keptFloat", gate.KeptFloat);
        json.WriteNumber("evaluations", gate.Evaluations);
        ManifestSections.WriteObjects(json, "sensitivities", gate.Sensitivities, (j, sensitivity) =>
        {
            j.WriteString("weight", sensitivity.Weight);
            j.WriteString("node", sensitivity.Node);
            j.WriteString("change", sensitivity.Change);
            ManifestSections.WriteOptional(j, "cosine", sensitivity.Cosine);
            j.WriteBoolean("kept", sensitivity.Kept);
        });
        json.WriteEndObject();
    }
}

/// <summary>The version written into manifests: the assembly version, without build metadata.</summary>
internal static class GeneratorVersion
{
    public static readonly string Value = typeof(GeneratorVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
