using System.Buffers.Binary;
using System.Text;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Puts a Brotli metadata meta-block (RFC 7932 §9.2) that records the model's length and SHA-256 in front of the
/// first meta-block of a Brotli stream. Every Brotli decoder skips metadata, so the file stays plain Brotli of the
/// ONNX bytes; the SparseCompile runtime reads the block to reject a corrupt artifact that would otherwise decode
/// into a different model (Brotli itself has no checksum). Layout: docs/compressed-models.md.
/// </summary>
internal static class BrotliIntegrityBlock
{
    /// <summary>The four bits of a stream header that declares a 16 MiB window (WBITS = 24): 1 then 7 in three bits.</summary>
    private const int Window24Header = 0b1111;

    /// <summary>The magic and version the metadata starts with.</summary>
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SCZ1");

    /// <summary>Bytes of metadata: magic, length (8, little-endian), SHA-256 (32).</summary>
    private static int MetadataLength => Magic.Length + 8 + 32;

    /// <summary>
    /// Returns <paramref name="stream"/> (a Brotli stream with a 16 MiB window, as <see cref="ModelCompression"/> writes it)
    /// with the integrity block inserted after its 4-bit header. <paramref name="keepLastByte"/> keeps the final byte
    /// even when the shift leaves it zero; the caller decides by decoding both forms.
    /// </summary>
    public static byte[] Insert(ReadOnlySpan<byte> stream, long modelLength, ReadOnlySpan<byte> sha256, bool keepLastByte)
    {
        if (stream.IsEmpty || (stream[0] & 0xF) != Window24Header)
        {
            throw new InvalidOperationException("The Brotli encoder did not write a 16 MiB window header.");
        }

        var prefix = Prefix(modelLength, sha256);

        // The encoder's meta-blocks start at bit 4 of its first byte; ours ends on a byte boundary, so shift the rest down 4 bits.
        int shiftedLength = stream.Length - 1 + ((stream[^1] >> 4) != 0 || keepLastByte ? 1 : 0);
        var result = new byte[prefix.Length + shiftedLength];
        prefix.CopyTo(result, 0);
        for (int i = 0; i < shiftedLength; i++)
        {
            int next = i + 1 < stream.Length ? stream[i + 1] : 0;
            result[prefix.Length + i] = (byte)((stream[i] >> 4) | (next << 4));
        }

        return result;
    }

    private static byte[] Prefix(long modelLength, ReadOnlySpan<byte> sha256)
    {
        int skipMinusOne = MetadataLength - 1;
        var prefix = new byte[3 + MetadataLength];

        // Byte 0: WBITS (4 bits), ISLAST = 0, MNIBBLES = "11" (metadata), reserved 0. Byte 1: MSKIPBYTES = 1 (2 bits), then the
        // 8 bits of MSKIPLEN - 1, which end in byte 2 followed by zero fill bits up to the byte boundary.
        prefix[0] = (byte)(Window24Header | (0b11 << 5));
        prefix[1] = (byte)(0b01 | ((skipMinusOne & 0x3F) << 2));
        prefix[2] = (byte)(skipMinusOne >> 6);
        Magic.CopyTo(prefix, 3);
        BinaryPrimitives.WriteInt64LittleEndian(prefix.AsSpan(3 + Magic.Length), modelLength);
        sha256.CopyTo(prefix.AsSpan(3 + Magic.Length + 8));
        return prefix;
    }
}
