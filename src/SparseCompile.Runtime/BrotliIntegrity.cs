using System.Buffers.Binary;
using static SparseCompile.BrotliIntegrityLayout;

namespace SparseCompile.Runtime;

/// <summary>
/// Reads the integrity record that <c>sparsec compile --compress</c> puts in front of a compressed model: a Brotli metadata
/// meta-block (skipped by every Brotli decoder) holding "SCZ1", the model's length and its SHA-256. Layout:
/// <see cref="BrotliIntegrityLayout"/> and docs/compressed-models.md.
/// </summary>
internal static class BrotliIntegrity
{
    /// <summary>
    /// The model length and SHA-256 recorded in <paramref name="compressed"/>, or false for a Brotli stream without the
    /// record (compressed by another tool), which is then read unchecked.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> compressed, out long length, out ReadOnlySpan<byte> sha256)
    {
        length = 0;
        sha256 = default;
        if (compressed.Length < RecordLength || !compressed.StartsWith(Header) || !compressed[MagicOffset..].StartsWith(Magic))
        {
            return false;
        }

        length = BinaryPrimitives.ReadInt64LittleEndian(compressed.Slice(LengthOffset, LengthSize));
        sha256 = compressed.Slice(ShaOffset, ShaLength);
        return true;
    }
}
