using System.IO.Compression;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Zip;

/// <summary>
/// Refuses zip entries whose declared sizes could only come from a zip bomb or a corrupt file,
/// before any of their data is decompressed.
/// </summary>
internal static class ZipEntryLimits
{
    /// <summary>
    /// Deflate emits at most 258 bytes per 2-bit code, so no deflate stream expands more than
    /// about 1032:1; stored entries do not expand at all.
    /// </summary>
    public const long MaxExpansionRatio = 1032;

    public static void Check(ZipArchiveEntry entry, long archiveLength, MaskReadOptions options, string? filePath, string key)
    {
        if (entry.CompressedLength > archiveLength)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.CorruptZip, filePath,
                $"entry '{key}' declares {entry.CompressedLength} compressed bytes, more than the {archiveLength}-byte file holds", key);
        }

        if (entry.Length > options.MaxEntryBytes)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.ZipEntryTooLarge, filePath,
                $"entry '{key}' declares {entry.Length} uncompressed bytes, over the limit of {options.MaxEntryBytes} (MaskReadOptions.MaxEntryBytes)", key);
        }

        long compressed = Math.Max(1, entry.CompressedLength);
        if (compressed <= long.MaxValue / MaxExpansionRatio && entry.Length > compressed * MaxExpansionRatio)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.ZipEntryTooLarge, filePath,
                $"entry '{key}' declares {entry.Length} bytes from {entry.CompressedLength} compressed bytes, an expansion deflate cannot produce", key);
        }
    }
}
