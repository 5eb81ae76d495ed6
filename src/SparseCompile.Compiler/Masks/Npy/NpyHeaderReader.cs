using System.Buffers.Binary;
using System.Text;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>
/// Reads and checks the start of an .npy array: magic, version (1.0 with a 2-byte header length;
/// 2.0 and 3.0 with a 4-byte one, 3.0 in UTF-8) and the header dict with exactly the keys
/// <c>descr</c>, <c>fortran_order</c> and <c>shape</c>.
/// </summary>
internal static class NpyHeaderReader
{
    /// <summary>Reads the header from <paramref name="source"/>, which holds <paramref name="length"/> bytes in all.</summary>
    public static NpyHeader Read(Stream source, long length, string? filePath, string key)
    {
        Span<byte> prefix = stackalloc byte[12];
        int got = source.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false);
        if (got < NpyFormat.Magic.Length || !prefix[..NpyFormat.Magic.Length].SequenceEqual(NpyFormat.Magic))
        {
            throw Malformed(filePath, key, "it does not start with the .npy magic \\x93NUMPY");
        }

        if (got < 8)
        {
            throw Malformed(filePath, key, "it ends inside the version bytes");
        }

        byte major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw Malformed(filePath, key, $"its format version {major}.{minor} is not 1.0, 2.0 or 3.0");
        }

        int lengthBytes = major == 1 ? 2 : 4;
        if (source.ReadAtLeast(prefix.Slice(8, lengthBytes), lengthBytes, throwOnEndOfStream: false) < lengthBytes)
        {
            throw Malformed(filePath, key, "it ends inside the header length");
        }

        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(8, 2))
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));

        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > NpyFormat.MaxHeaderBytes || dataOffset > length)
        {
            throw Malformed(filePath, key, $"its header length {headerLength} runs past the {length} bytes present or over the {NpyFormat.MaxHeaderBytes}-byte limit");
        }

        var headerBytes = new byte[headerLength];
        if (source.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
        {
            throw Malformed(filePath, key, "it ends inside the header");
        }

        string text = Decode(headerBytes, major, filePath, key);
        return Check(text, dataOffset, filePath, key);
    }

    private static string Decode(byte[] bytes, byte major, string? filePath, string key)
    {
        if (major < 3)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed(filePath, key, "its version 3.0 header is not valid UTF-8");
        }
    }

    private static NpyHeader Check(string text, long dataOffset, string? filePath, string key)
    {
        IReadOnlyList<KeyValuePair<string, PyValue>> entries;
        try
        {
            entries = PyLiteralParser.ParseDict(text);
        }
        catch (PyLiteralException e)
        {
            throw Malformed(filePath, key, $"its header is not a Python dict literal: {e.Message}");
        }

        PyValue? descr = null, fortran = null, shape = null;
        foreach (var (name, value) in entries)
        {
            ref PyValue? slot = ref descr;
            switch (name)
            {
                case "descr":
                    break;
                case "fortran_order":
                    slot = ref fortran;
                    break;
                case "shape":
                    slot = ref shape;
                    break;
                default:
                    throw Malformed(filePath, key, $"its header has the unexpected key '{name}'");
            }

            if (slot is not null)
            {
                throw Malformed(filePath, key, $"its header has the key '{name}' twice");
            }

            slot = value;
        }

        if (descr is null || fortran is null || shape is null)
        {
            throw Malformed(filePath, key, "its header lacks one of the keys 'descr', 'fortran_order' and 'shape'");
        }

        if (fortran is not PyBool fortranOrder)
        {
            throw Malformed(filePath, key, $"its 'fortran_order' is {fortran.Describe()}, not True or False");
        }

        long[] dims = Shape(shape, filePath, key);
        string dtype = Descr(descr, filePath, key);
        return new NpyHeader(dtype, NpyDtype.Parse(dtype, filePath, key), fortranOrder.Value, dims, dataOffset);
    }

    private static string Descr(PyValue descr, string? filePath, string key) => descr switch
    {
        PyString s => s.Value,
        PySequence { IsTuple: false } => throw new SparseCompileException(MaskDiagnosticCodes.UnsupportedMaskDtype, filePath,
            $"mask '{key}' has a structured dtype (a list of fields); masks must be plain bool, integer or float arrays", key),
        _ => throw Malformed(filePath, key, $"its 'descr' is {descr.Describe()}, not a dtype string"),
    };

    private static long[] Shape(PyValue shape, string? filePath, string key)
    {
        if (shape is not PySequence { IsTuple: true } tuple)
        {
            throw Malformed(filePath, key, $"its 'shape' is {shape.Describe()}, not a tuple");
        }

        var dims = new long[tuple.Items.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = tuple.Items[i] is PyInt { Value: >= 0 } dim
                ? dim.Value
                : throw Malformed(filePath, key, $"its shape has {tuple.Items[i].Describe()} where a non-negative integer belongs");
        }

        return dims;
    }

    private static SparseCompileException Malformed(string? filePath, string key, string what) =>
        new(MaskDiagnosticCodes.MalformedNpyHeader, filePath, $"mask '{key}' is not a valid .npy array: {what}", key);
}
