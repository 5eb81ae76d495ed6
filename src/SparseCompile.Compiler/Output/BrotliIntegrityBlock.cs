using System.Buffers.Binary;
using static SparseCompile.BrotliIntegrityLayout;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Puts a Brotli metadata meta-block (RFC 7932 §9.2) that records the model's length and SHA-256 in front of the
/// first meta-block of a Brotli stream. Every Brotli decoder skips metadata, so the file stays plain Brotli of the
/// ONNX bytes; the SparseCompile runtime reads the block to reject a corrupt artifact that would otherwise decode
/// into a different model (Brotli itself has no checksum). Layout: <see cref="BrotliIntegrityLayout"/> (shared with the
/// runtime) and docs/compressed-models.md.
/// </summary>
internal static class BrotliIntegrityBlock
{
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
        if (sha256.Length != ShaLength)
        {
            throw new ArgumentException($"A SHA-256 has {ShaLength} bytes, not {sha256.Length}.", nameof(sha256));
        }

        var prefix = new byte[RecordLength];
        Header.CopyTo(prefix);
        Magic.CopyTo(prefix.AsSpan(MagicOffset));
        BinaryPrimitives.WriteInt64LittleEndian(prefix.AsSpan(LengthOffset, LengthSize), modelLength);
        sha256.CopyTo(prefix.AsSpan(ShaOffset));
        return prefix;
    }
}
