using System.IO.Compression;
using SparseCompile.Compiler.Masks.IO;

namespace SparseCompile.Compiler.Masks;

/// <summary>
/// Writes a <see cref="MaskSet"/> as an .npz that <c>numpy.load</c> reads: one <c>&lt;key&gt;.npy</c>
/// entry per mask, in the set's order, each a C-ordered <c>|b1</c> array. The bytes depend only on
/// the masks and the compression (timestamps are fixed at 1980-01-01), so writing the same
/// masks twice gives identical files.
/// </summary>
public static class NpzWriter
{
    // The earliest time a zip (DOS) timestamp can hold.
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A regular file with rw-r--r-- permissions, in the high half as zip tools on Unix expect.
    private const int RegularFileAttributes = unchecked((int)0x81A40000);

    /// <summary>Writes <paramref name="masks"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC1114 when the file cannot be written.</exception>
    public static void Write(MaskSet masks, string path, NpzCompression compression = NpzCompression.Stored)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Write(masks, stream, compression));
    }

    /// <summary>Writes <paramref name="masks"/> as a zip to <paramref name="destination"/>, which stays open.</summary>
    public static void Write(MaskSet masks, Stream destination, NpzCompression compression = NpzCompression.Stored)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(destination);
        var level = compression == NpzCompression.Deflated ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        using var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var mask in masks)
        {
            var entry = archive.CreateEntry(mask.Key + ".npy", level);
            entry.LastWriteTime = FixedTimestamp;
            entry.ExternalAttributes = RegularFileAttributes;
            using var entryStream = entry.Open();
            NpyWriter.Write(mask, entryStream);
        }
    }
}
