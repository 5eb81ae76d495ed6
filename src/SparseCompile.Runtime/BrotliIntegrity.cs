using System.Buffers.Binary;

namespace SparseCompile.Runtime;

/// <summary>
/// Reads the integrity record that <c>sparsec compile --compress</c> puts in front of a compressed model: a Brotli metadata
/// meta-block (skipped by every Brotli decoder) holding "SCZ1", the model's length and its SHA-256. Layout: docs/compressed-models.md.
/// </summary>
internal static class BrotliIntegrity
{
    /// <summary>Stream header (16 MiB window), metadata block header with a 44-byte length, then the magic "SCZ1".</summary>
    private static ReadOnlySpan<byte> Prefix => [0x6F, 0xAD, 0x00, (byte)'S', (byte)'C', (byte)'Z', (byte)'1'];

    private const int LengthOffset = 7;
    private const int ShaOffset = LengthOffset + 8;
    private const int ShaLength = 32;

    /// <summary>
    /// The model length and SHA-256 recorded in <paramref name="compressed"/>, or false for a Brotli stream without the
    /// record (compressed by another tool), which is then read unchecked.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> compressed, out long length, out ReadOnlySpan<byte> sha256)
    {
        length = 0;
        sha256 = default;
        if (compressed.Length < ShaOffset + ShaLength || !compressed.StartsWith(Prefix))
        {
            return false;
        }

        length = BinaryPrimitives.ReadInt64LittleEndian(compressed[LengthOffset..]);
        sha256 = compressed.Slice(ShaOffset, ShaLength);
        return true;
    }
}
