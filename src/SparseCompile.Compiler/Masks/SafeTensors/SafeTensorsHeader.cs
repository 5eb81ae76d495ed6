using System.Text.Json;
using System.Text.Unicode;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Decoding;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.SafeTensors;

/// <summary>
/// Parses and checks a safetensors JSON header: <c>{name: {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}</c>.
/// Offsets are relative to the end of the header; like the reference implementation, the
/// tensors must tile the data exactly (no overlap, no gap, nothing after the last one).
/// </summary>
internal static class SafeTensorsHeader
{
    private const string MetadataKey = "__metadata__";

    /// <summary>The tensors in header order.</summary>
    public static IReadOnlyList<SafeTensorsEntry> Parse(ReadOnlyMemory<byte> json, long dataLength, string? filePath)
    {
        using var document = ParseJson(json, filePath);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(filePath, null, "the header is not a JSON object");
        }

        var entries = new List<SafeTensorsEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!keys.Add(property.Name))
            {
                throw MaskErrors.DuplicateKey(filePath, property.Name);
            }

            if (property.Name == MetadataKey)
            {
                CheckMetadata(property.Value, filePath);
                continue;
            }

            entries.Add(Entry(property.Name, property.Value, dataLength, filePath));
        }

        CheckTiling(entries, dataLength, filePath);
        return entries;
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> json, string? filePath)
    {
        // The JSON reader accepts invalid UTF-8 inside strings and only fails when a name is read.
        if (!Utf8.IsValid(json.Span))
        {
            throw Malformed(filePath, null, "the header is not valid UTF-8");
        }

        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.MalformedSafeTensorsHeader, filePath,
                $"the safetensors header is not valid JSON: {e.Message}", inner: e);
        }
    }

    private static void CheckMetadata(JsonElement metadata, string? filePath)
    {
        if (metadata.ValueKind != JsonValueKind.Object
            || metadata.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            throw Malformed(filePath, null, $"'{MetadataKey}' is not an object of strings");
        }
    }

    private static SafeTensorsEntry Entry(string key, JsonElement value, long dataLength, string? filePath)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(filePath, key, $"the entry for '{key}' is not an object");
        }

        JsonElement? dtype = null, shape = null, offsets = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtype is null:
                    dtype = field.Value;
                    break;
                case "shape" when shape is null:
                    shape = field.Value;
                    break;
                case "data_offsets" when offsets is null:
                    offsets = field.Value;
                    break;
                default:
                    throw Malformed(filePath, key, $"the entry for '{key}' has an unexpected or repeated field '{field.Name}'");
            }
        }

        if (dtype is not { ValueKind: JsonValueKind.String } || shape is null || offsets is null)
        {
            throw Malformed(filePath, key, $"the entry for '{key}' needs a string 'dtype', a 'shape' and 'data_offsets'");
        }

        var rule = SafeTensorsDtype.Parse(dtype.Value.GetString()!, filePath, key);
        long[] dims = Integers(shape.Value, -1, filePath, key, "shape");
        long[] range = Integers(offsets.Value, 2, filePath, key, "data_offsets");
        long count = MaskShape.ElementCount(dims, filePath, key);
        long begin = range[0], end = range[1];
        if (begin > end || end > dataLength)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, filePath,
                $"mask '{key}' has data_offsets [{begin}, {end}] outside the {dataLength} bytes of data", key);
        }

        long needed = MaskShape.ByteCount(count, rule.ItemSize, filePath, key);
        if (end - begin != needed)
        {
            throw needed > end - begin
                ? MaskErrors.DataShorterThanShape(filePath, key, needed, end - begin)
                : MaskErrors.DataLongerThanShape(filePath, key, needed, end - begin);
        }

        return new SafeTensorsEntry(key, rule, dims, MaskShape.ArrayLength(count, filePath, key), begin, end);
    }

    /// <summary>A JSON array of non-negative integers; <paramref name="length"/> -1 for any length.</summary>
    private static long[] Integers(JsonElement array, int length, string? filePath, string key, string field)
    {
        if (array.ValueKind != JsonValueKind.Array || (length >= 0 && array.GetArrayLength() != length))
        {
            string size = length >= 0 ? $" of {length}" : string.Empty;
            throw Malformed(filePath, key, $"'{field}' of '{key}' is not an array{size} of integers");
        }

        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
            {
                throw Malformed(filePath, key, $"'{field}' of '{key}' holds {item.GetRawText()}, not a non-negative integer");
            }

            values[i++] = v;
        }

        return values;
    }

    private static void CheckTiling(List<SafeTensorsEntry> entries, long dataLength, string? filePath)
    {
        long expected = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != expected)
            {
                string what = entry.Begin < expected ? "overlaps the tensor before it" : $"leaves a gap after byte {expected}";
                throw new SparseCompileException(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, filePath,
                    $"mask '{entry.Key}' with data_offsets [{entry.Begin}, {entry.End}] {what}", entry.Key);
            }

            expected = entry.End;
        }

        if (expected != dataLength)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, filePath,
                $"the tensors cover {expected} of the {dataLength} bytes of data; the rest belongs to no tensor");
        }
    }

    private static SparseCompileException Malformed(string? filePath, string? key, string what) =>
        new(MaskDiagnosticCodes.MalformedSafeTensorsHeader, filePath, $"the safetensors header is malformed: {what}", key);
}
