using System.Text.Json;
using SparseCompile.Cli.Inspection;
using SparseCompile.Onnx.Graph;

namespace SparseCompile.Cli.Rendering;

/// <summary>
/// Writes an <see cref="InspectionReport"/> as the <c>sparsec inspect --json</c> document. The schema is
/// documented in InspectJson.md next to this project; property names are camelCase, properties come in
/// a fixed order, arrays in the report's order, numbers in invariant form, lines end with \n.
/// Bump <see cref="SchemaVersion"/> when a property changes meaning or is removed (adding one does not).
/// </summary>
internal static class JsonRenderer
{
    /// <summary>The version of the document's schema.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The document as a string (ends with a newline).</summary>
    public static string Render(InspectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonOutput.Render(json => Write(json, report));
    }

    /// <summary>Writes the document to <paramref name="output"/>.</summary>
    public static void Write(InspectionReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(report));
        output.Flush();
    }

    private static void Write(Utf8JsonWriter json, InspectionReport report)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("file", report.File);
        json.WriteStartObject("producer");
        json.WriteString("name", report.ProducerName);
        json.WriteString("version", report.ProducerVersion);
        json.WriteEndObject();
        json.WriteNumber("irVersion", report.IrVersion);

        json.WriteStartArray("opsets");
        foreach (var opset in report.Opsets)
        {
            json.WriteStartObject();
            json.WriteString("domain", opset.Domain);
            json.WriteNumber("version", opset.Version);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteValues(json, "inputs", report.Inputs);
        WriteValues(json, "outputs", report.Outputs);
        WriteParameters(json, report.Parameters);
        WriteSparsity(json, report);
        json.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyList<GraphValue> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStartObject();
            json.WriteString("name", value.Name);
            json.WriteString("elementType", value.ElementType);
            json.WritePropertyName("shape");
            WriteShape(json, value.Shape);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter json, TensorShape shape)
    {
        if (shape.Dims is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartArray();
        foreach (var dim in shape.Dims)
        {
            if (dim.Value is long value)
            {
                json.WriteNumberValue(value);
            }
            else if (dim.Symbol is string symbol)
            {
                json.WriteStringValue(symbol);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteParameters(Utf8JsonWriter json, ParameterSummary parameters)
    {
        json.WriteStartObject("parameters");
        json.WriteNumber("count", parameters.Count);
        json.WriteNumber("bytes", parameters.Bytes);
        json.WriteNumber("tensorCount", parameters.Tensors.Count);
        json.WriteStartArray("byOpType");
        foreach (var op in parameters.ByOpType)
        {
            json.WriteStartObject();
            json.WriteString("opType", op.OpType);
            json.WriteNumber("nodeCount", op.NodeCount);
            json.WriteNumber("tensorCount", op.TensorCount);
            json.WriteNumber("count", op.Count);
            json.WriteNumber("bytes", op.Bytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tensors");
        foreach (var tensor in parameters.Tensors)
        {
            json.WriteStartObject();
            json.WriteString("name", tensor.Name);
            json.WriteString("elementType", tensor.ElementType);
            json.WriteDims("shape", tensor.Dims);
            json.WriteNumber("count", tensor.Count);
            json.WriteNumber("bytes", tensor.Bytes);
            json.WriteStartArray("consumerOpTypes");
            foreach (string op in tensor.ConsumerOpTypes)
            {
                json.WriteStringValue(op);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSparsity(Utf8JsonWriter json, InspectionReport report)
    {
        json.WriteStartObject("sparsity");
        json.WriteString("pattern", report.Pattern.ToString());
        json.WriteNumber("n", report.Pattern.N);
        json.WriteNumber("m", report.Pattern.M);
        json.WriteStartObject("summary");
        json.WriteNumber("weightCount", report.Weights.Count);
        json.WriteNumber("compliantCount", report.CompliantCount);
        json.WriteNumber("notApplicableCount", report.NotApplicableCount);
        json.WriteEndObject();
        json.WriteStartArray("weights");
        foreach (var entry in report.Weights)
        {
            var weight = entry.Weight;
            var check = entry.Check;
            json.WriteStartObject();
            json.WriteString("name", weight.Name);
            json.WriteString("opType", weight.OpType);
            json.WriteStartArray("nodes");
            foreach (var use in weight.Uses)
            {
                json.WriteStringValue(use.NodeName);
            }

            json.WriteEndArray();
            json.WriteString("elementType", entry.ElementType);
            json.WriteDims("shape", weight.Dims);
            json.WriteNumber("reductionAxis", weight.ReductionAxis);
            json.WriteNumber("reductionLength", weight.ReductionLength);
            json.WriteNumber("count", check.ElementCount);
            json.WriteNumber("zeroCount", check.ZeroCount);
            json.WriteNumber("zeroFraction", check.ZeroFraction);
            json.WriteBoolean("applicable", check.IsApplicable);
            if (check.NotApplicableReason is null)
            {
                json.WriteNull("notApplicableReason");
            }
            else
            {
                json.WriteString("notApplicableReason", check.NotApplicableReason);
            }

            json.WriteNumber("groupCount", check.GroupCount);
            json.WriteNumber("violatingGroupCount", check.ViolatingGroupCount);
            json.WriteBoolean("compliant", check.IsCompliant);
            json.WriteBoolean("hasOtherConsumers", weight.HasOtherConsumers);
            json.WriteBoolean("hasConflictingAxes", weight.HasConflictingAxes);
            json.WriteBoolean("isOverridableInput", weight.IsOverridableInput);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
