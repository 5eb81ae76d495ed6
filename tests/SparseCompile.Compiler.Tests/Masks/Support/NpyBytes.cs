using System.Buffers.Binary;
using System.Text;

namespace SparseCompile.Compiler.Tests.Masks.Support;

/// <summary>Builds .npy bytes by hand, including the broken ones numpy would never write.</summary>
public static class NpyBytes
{
    /// <summary>An array with a well-formed header for <paramref name="descr"/> and <paramref name="shape"/>.</summary>
    public static byte[] Array(string descr, string shape, byte[] data, bool fortranOrder = false) =>
        WithHeader($"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shape}, }}", data);

    /// <summary>The magic, version, header length and <paramref name="dict"/> padded as numpy pads it, then <paramref name="data"/>.</summary>
    public static byte[] WithHeader(string dict, byte[] data, byte major = 1, byte minor = 0)
    {
        byte[] text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(dict);
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 8 + lengthBytes;
        int padding = 64 - ((prefix + text.Length + 1) % 64);
        int headerLength = text.Length + padding + 1;
        var bytes = new byte[prefix + headerLength + data.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = major;
        bytes[7] = minor;
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }

        text.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + text.Length, padding).Fill((byte)' ');
        bytes[prefix + headerLength - 1] = (byte)'\n';
        data.CopyTo(bytes, prefix + headerLength);
        return bytes;
    }

    /// <summary>The six magic bytes every .npy starts with.</summary>
    public static byte[] Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
}
