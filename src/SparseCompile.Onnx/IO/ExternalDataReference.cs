using System.Globalization;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Onnx.IO;

/// <summary>A tensor's external_data entries, parsed: which file, and which byte range of it.</summary>
/// <param name="Location">The path relative to the model's folder, as written in the model.</param>
/// <param name="Offset">Byte offset of the data in the file.</param>
/// <param name="Length">Byte length, or null when the entry leaves it out (then the data runs to the expected size).</param>
public sealed record ExternalDataReference(string Location, long Offset, long? Length)
{
    /// <summary>The external_data key naming the file.</summary>
    public const string LocationKey = "location";

    /// <summary>The external_data key holding the byte offset.</summary>
    public const string OffsetKey = "offset";

    /// <summary>The external_data key holding the byte length.</summary>
    public const string LengthKey = "length";

    /// <summary>True when the tensor keeps its values in an external file.</summary>
    public static bool IsExternal(TensorProto tensor) =>
        tensor.DataLocation == TensorProto.Types.DataLocation.External;

    /// <summary>Parses the external_data entries of <paramref name="tensor"/>.</summary>
    /// <exception cref="SparseCompileException">SC1013 when an entry is missing or not a non-negative integer.</exception>
    public static ExternalDataReference Parse(TensorProto tensor, string? modelPath)
    {
        string? location = null;
        long offset = 0;
        long? length = null;
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case LocationKey:
                    location = entry.Value;
                    break;
                case OffsetKey:
                    offset = ParseNonNegative(entry.Value, OffsetKey, tensor, modelPath);
                    break;
                case LengthKey:
                    length = ParseNonNegative(entry.Value, LengthKey, tensor, modelPath);
                    break;
            }
        }

        if (string.IsNullOrEmpty(location))
        {
            throw new SparseCompileException(DiagnosticCodes.ExternalDataMalformed, modelPath,
                $"tensor '{tensor.Name}' is marked EXTERNAL but names no location", tensor.Name);
        }

        return new ExternalDataReference(location, offset, length);
    }

    private static long ParseNonNegative(string text, string key, TensorProto tensor, string? modelPath)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        throw new SparseCompileException(DiagnosticCodes.ExternalDataMalformed, modelPath,
            $"tensor '{tensor.Name}' has external data {key} '{text}', which is not a non-negative integer", tensor.Name);
    }
}
