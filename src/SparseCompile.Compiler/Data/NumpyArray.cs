using System.Buffers.Binary;
using System.Text;
using SparseCompile.Compiler.Masks.Npy;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// Reads one numeric .npy array (held in memory, from an .npz entry) into a sample tensor: header versions 1.0
/// to 3.0, parsed with the mask reader's strict dict-literal parser; bool, integer and float dtypes in either byte
/// order; C or Fortran order. The declared shape is checked against the bytes present before anything is allocated.
/// </summary>
internal static class NumpyArray
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The array in <paramref name="bytes"/>, named <paramref name="name"/>; SC1172/SC1173 naming <paramref name="path"/>.</summary>
    public static SampleTensor Read(byte[] bytes, string name, string path)
    {
        var (descr, fortran, shape, offset) = Header(bytes, name, path);
        var dtype = NumpyDtype.Parse(descr)
            ?? throw SampleErrors.Malformed(path, name, $"has dtype '{descr}'; samples must be bool, integer or float arrays");
        long count = 1;
        foreach (long d in shape)
        {
            count = d == 0 || count == 0 ? 0
                : d <= long.MaxValue / dtype.ItemSize / count ? count * d
                : throw SampleErrors.SizeMismatch(path, name, $"has shape {SampleConformance.Shape(shape)}, whose byte count overflows");
        }

        long needed = count * dtype.ItemSize;
        long present = bytes.Length - offset;
        if (needed != present)
        {
            throw SampleErrors.SizeMismatch(path, name,
                $"declares shape {SampleConformance.Shape(shape)} of {descr}, {needed} bytes, but {present} bytes of data are present");
        }

        var data = bytes.AsSpan((int)offset).ToArray();
        if (dtype.BigEndian)
        {
            SwapBytes(data, dtype.ItemSize);
        }

        if (fortran && shape.Length > 1 && count > 0)
        {
            data = ToCOrder(data, shape, dtype.ItemSize);
        }

        return new SampleTensor(name, dtype.ElementType, shape, data);
    }

    private static (string Descr, bool Fortran, long[] Shape, long Offset) Header(byte[] bytes, string name, string path)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw SampleErrors.Malformed(path, name, "is not a .npy array: it does not start with the magic \\x93NUMPY");
        }

        byte major = bytes[6];
        if (major is < 1 or > 3 || bytes[7] != 0)
        {
            throw SampleErrors.Malformed(path, name, $"has .npy format version {major}.{bytes[7]}, not 1.0, 2.0 or 3.0");
        }

        int lengthBytes = major == 1 ? 2 : 4;
        if (bytes.Length < 8 + lengthBytes)
        {
            throw SampleErrors.Malformed(path, name, "is a .npy array that ends inside its header length");
        }

        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        long offset = 8 + lengthBytes + headerLength;
        if (offset > bytes.Length)
        {
            throw SampleErrors.Malformed(path, name, $"has a .npy header of {headerLength} bytes, past the end of its {bytes.Length} bytes");
        }

        string text = major < 3
            ? Encoding.Latin1.GetString(bytes, 8 + lengthBytes, (int)headerLength)
            : Encoding.UTF8.GetString(bytes, 8 + lengthBytes, (int)headerLength);
        IReadOnlyList<KeyValuePair<string, PyValue>> entries;
        try
        {
            entries = PyLiteralParser.ParseDict(text);
        }
        catch (PyLiteralException e)
        {
            throw SampleErrors.Malformed(path, name, $"has a .npy header that is not a Python dict literal: {e.Message}");
        }

        var map = new Dictionary<string, PyValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key is not ("descr" or "fortran_order" or "shape") || !map.TryAdd(key, value))
            {
                throw SampleErrors.Malformed(path, name, $"has an unexpected or repeated .npy header key '{key}'");
            }
        }

        if (map.GetValueOrDefault("descr") is not PyString descr || map.GetValueOrDefault("fortran_order") is not PyBool fortran
            || map.GetValueOrDefault("shape") is not PySequence { IsTuple: true } shape)
        {
            throw SampleErrors.Malformed(path, name, "has a .npy header without a dtype string 'descr', a bool 'fortran_order' and a tuple 'shape'");
        }

        var dims = new long[shape.Items.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = shape.Items[i] is PyInt { Value: >= 0 } dim
                ? dim.Value
                : throw SampleErrors.Malformed(path, name, $"has {shape.Items[i].Describe()} in its .npy shape where a non-negative integer belongs");
        }

        return (descr.Value, fortran.Value, dims, offset);
    }

    private static void SwapBytes(byte[] data, int size)
    {
        for (int i = 0; i < data.Length; i += size)
        {
            data.AsSpan(i, size).Reverse();
        }
    }

    /// <summary>Reorders Fortran-ordered elements (first axis fastest) into C order (last axis fastest).</summary>
    private static byte[] ToCOrder(byte[] data, long[] shape, int size)
    {
        var result = new byte[data.Length];
        int rank = shape.Length;
        var index = new long[rank];
        long count = data.Length / size;
        for (long c = 0; c < count; c++)
        {
            long f = 0, stride = 1;
            for (int axis = 0; axis < rank; axis++)
            {
                f += index[axis] * stride;
                stride *= shape[axis];
            }

            Buffer.BlockCopy(data, (int)(f * size), result, (int)(c * size), size);
            for (int axis = rank - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--)
            {
                index[axis] = 0;
            }
        }

        return result;
    }
}
