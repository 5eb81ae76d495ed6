using System.Collections.Generic;
using System.Globalization;
using SparseCompile.Generator.Diagnostics;
using SparseCompile.Generator.Manifest.Json;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Manifest;

/// <summary>
/// Reads a manifest (schema <see cref="SchemaVersion"/>, written by SparseCompile.Compiler's ManifestWriter) into a
/// <see cref="ManifestDocument"/>, reporting every missing or mistyped field it needs at the field's place.
/// Fields the wrapper does not use are not checked.
/// </summary>
internal sealed class ManifestParser
{
    /// <summary>The only manifest schema version this generator reads.</summary>
    public const int SchemaVersion = 1;

    private readonly string path;
    private readonly List<DiagnosticInfo> diagnostics;

    private ManifestParser(string path, List<DiagnosticInfo> diagnostics)
    {
        this.path = path;
        this.diagnostics = diagnostics;
    }

    /// <summary>The document, or null after adding at least one diagnostic to <paramref name="diagnostics"/>.</summary>
    public static ManifestDocument? Parse(string path, string text, List<DiagnosticInfo> diagnostics)
    {
        JsonNode root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonSyntaxException error)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedJson, ManifestLocations.At(path, error.Position, text.Length), error.Message));
            return null;
        }

        int before = diagnostics.Count;
        var document = new ManifestParser(path, diagnostics).Read(root);
        return diagnostics.Count == before ? document : null;
    }

    private ManifestDocument? Read(JsonNode root)
    {
        if (root is not JsonObject manifest)
        {
            Invalid(root, "root", "must be an object, not " + root.Kind);
            return null;
        }

        var version = Required<JsonNumber>(manifest, "schemaVersion", "schemaVersion");
        if (version is null)
        {
            return null;
        }

        if (!version.TryGetInt64(out long number) || number != SchemaVersion)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedSchema, ManifestLocations.Of(path, version),
                version.Text, SchemaVersion.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        var model = Required<JsonObject>(manifest, "model", "model");
        var file = model is null ? null : Required<JsonString>(model, "file", "model.file");
        var options = Required<JsonObject>(manifest, "options", "options");
        var sparsity = options is null ? null : Required<JsonString>(options, "sparsity", "options.sparsity");
        var quantization = options is null ? null : Required<JsonString>(options, "quantization", "options.quantization");
        var inputs = Tensors(manifest, "inputs");
        var outputs = Tensors(manifest, "outputs");
        manifest.TryGet("totals", out var totals);
        var counts = totals as JsonObject;
        if (file is null || sparsity is null || quantization is null || inputs is null || outputs is null)
        {
            return null;
        }

        return new ManifestDocument(file.Value, sparsity.Value, quantization.Value,
            Count(counts, "prunableWeights"), Count(counts, "sparsified"), inputs, outputs);
    }

    private List<RawTensor>? Tensors(JsonObject manifest, string name)
    {
        var array = Required<JsonArray>(manifest, name, name);
        if (array is null)
        {
            return null;
        }

        if (name == "outputs" && array.Items.Count == 0)
        {
            Invalid(array, name, "must list at least one output");
            return null;
        }

        var tensors = new List<RawTensor>();
        for (int i = 0; i < array.Items.Count; i++)
        {
            string field = $"{name}[{i}]";
            if (array.Items[i] is not JsonObject item)
            {
                Invalid(array.Items[i], field, "must be an object, not " + array.Items[i].Kind);
                continue;
            }

            var tensorName = Required<JsonString>(item, "name", field + ".name");
            var elementType = Required<JsonString>(item, "elementType", field + ".elementType");
            bool hasShape = item.TryGet("shape", out var shape);
            if (!hasShape)
            {
                Invalid(item, field + ".shape", "is missing");
            }

            var dims = hasShape ? Dims(shape, field + ".shape") : null;
            if (tensorName is not null && elementType is not null && hasShape && (dims is not null || shape is JsonLiteral { IsNull: true }))
            {
                tensors.Add(new RawTensor(tensorName.Value, elementType.Value, dims, item, elementType));
            }
        }

        return tensors.Count == array.Items.Count ? tensors : null;
    }

    private List<DimSpec>? Dims(JsonNode shape, string field)
    {
        if (shape is JsonLiteral { IsNull: true })
        {
            return null;
        }

        if (shape is not JsonArray array)
        {
            Invalid(shape, field, "must be an array or null, not " + shape.Kind);
            return null;
        }

        var dims = new List<DimSpec>();
        for (int i = 0; i < array.Items.Count; i++)
        {
            switch (array.Items[i])
            {
                case JsonNumber number when number.TryGetInt64(out long size) && size >= 0:
                    dims.Add(new DimSpec(size, null, null));
                    break;
                case JsonString symbol:
                    dims.Add(new DimSpec(null, symbol.Value, null));
                    break;
                case JsonLiteral { IsNull: true }:
                    dims.Add(new DimSpec(null, null, null));
                    break;
                default:
                    Invalid(array.Items[i], $"{field}[{i}]", "must be a non-negative integer, a symbol string or null");
                    return null;
            }
        }

        return dims;
    }

    private static long? Count(JsonObject? totals, string name) =>
        totals is not null && totals.TryGet(name, out var node) && node is JsonNumber number && number.TryGetInt64(out long value) ? value : null;

    private T? Required<T>(JsonObject parent, string name, string field) where T : JsonNode
    {
        if (!parent.TryGet(name, out var node))
        {
            Invalid(parent, field, "is missing");
            return null;
        }

        if (node is T typed)
        {
            return typed;
        }

        Invalid(node, field, $"must be {KindOf<T>()}, not {node.Kind}");
        return null;
    }

    private static string KindOf<T>() => typeof(T) == typeof(JsonObject) ? "an object"
        : typeof(T) == typeof(JsonArray) ? "an array"
        : typeof(T) == typeof(JsonString) ? "a string"
        : "a number";

    private void Invalid(JsonNode node, string field, string problem) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidField, ManifestLocations.Of(path, node), $"'{field}'", problem));
}
