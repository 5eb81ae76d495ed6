using System.Buffers.Binary;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Decoding;
using SparseCompile.Compiler.Masks.SafeTensors;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Readers;

/// <summary>
/// Reads a .safetensors file: an 8-byte little-endian header length N, N bytes of JSON header,
/// then the tensors' bytes. Every tensor is a mask.
/// </summary>
internal static class SafeTensorsMaskReader
{
    /// <summary>The reference implementation refuses headers over 100 MB; so does this reader.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public static MaskSet Read(string path)
    {
        using var file = MaskFileStreams.OpenRead(path);
        long length = file.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (length < prefix.Length || file.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
        {
            throw Malformed(path, $"the file is {length} bytes, too short for the 8-byte header length");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(length - 8))
        {
            throw Malformed(path, $"the header length {headerLength} runs past the {length - 8} bytes after it or over the {MaxHeaderBytes}-byte limit");
        }

        var json = new byte[headerLength];
        if (file.ReadAtLeast(json, json.Length, throwOnEndOfStream: false) < json.Length)
        {
            throw Malformed(path, "the file ends inside the header");
        }

        long dataStart = 8 + (long)headerLength;
        var entries = SafeTensorsHeader.Parse(json, length - dataStart, path);
        var masks = new List<MaskTensor>(entries.Count);
        foreach (var entry in entries)
        {
            MaskErrors.RequireKey(path, entry.Key, "a header key \"\"");
            file.Position = dataStart + entry.Begin;
            var keep = KeepReader.Read(file, entry.Rule, entry.Shape, entry.ElementCount, fortranOrder: false, path, entry.Key);
            masks.Add(new MaskTensor(entry.Key, entry.Shape, keep));
        }

        return new MaskSet(path, masks);
    }

    private static SparseCompileException Malformed(string path, string what) =>
        new(MaskDiagnosticCodes.MalformedSafeTensorsHeader, path, $"the safetensors header is malformed: {what}");
}
