using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SparseCompile.Compiler.Masks.Decoding;

namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>
/// Builds the header numpy writes for a C-ordered bool array, byte for byte as
/// <c>numpy.save</c> does: sorted keys, room for the growth axis to reach 21 digits, then
/// spaces and a newline up to a multiple of 64 bytes. Version 1.0 unless the header needs 2.0.
/// </summary>
internal static class NpyHeaderWriter
{
    public static byte[] BoolHeader(IReadOnlyList<long> shape)
    {
        var text = new StringBuilder("{'descr': '|b1', 'fortran_order': False, 'shape': ")
            .Append(MaskShape.Format(shape))
            .Append(", }");
        if (shape.Count > 0)
        {
            int digits = shape[0].ToString(CultureInfo.InvariantCulture).Length;
            text.Append(' ', Math.Max(0, NpyFormat.GrowthAxisMaxDigits - digits));
        }

        byte[] dict = Encoding.ASCII.GetBytes(text.ToString());
        int lengthBytes = dict.Length + 1 + 10 + NpyFormat.Alignment > ushort.MaxValue ? 4 : 2;
        int prefix = NpyFormat.Magic.Length + 2 + lengthBytes;
        int withNewline = dict.Length + 1;
        int padding = NpyFormat.Alignment - ((prefix + withNewline) % NpyFormat.Alignment);
        int headerLength = withNewline + padding;

        var bytes = new byte[prefix + headerLength];
        NpyFormat.Magic.CopyTo(bytes);
        bytes[6] = (byte)(lengthBytes == 2 ? 1 : 2);
        bytes[7] = 0;
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerLength);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)headerLength);
        }

        dict.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + dict.Length, padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
