using SparseCompile.Compiler.Masks.IO;
using SparseCompile.Compiler.Masks.Npy;

namespace SparseCompile.Compiler.Masks;

/// <summary>
/// Writes one mask as an .npy array that <c>numpy.load</c> reads: dtype <c>|b1</c>, C order,
/// the same header bytes <c>numpy.save</c> writes for a bool array.
/// </summary>
public static class NpyWriter
{
    private const int ChunkElements = 1 << 16;

    /// <summary>Writes <paramref name="mask"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC1114 when the file cannot be written.</exception>
    public static void Write(MaskTensor mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Write(mask, stream));
    }

    /// <summary>Writes <paramref name="mask"/> to <paramref name="destination"/> at its current position.</summary>
    public static void Write(MaskTensor mask, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(NpyHeaderWriter.BoolHeader(mask.Shape));

        // One byte per flag, 0 or 1, whatever bytes the bool array holds.
        var chunk = new byte[Math.Min(ChunkElements, Math.Max(1, mask.ElementCount))];
        var keep = mask.Keep;
        for (int start = 0; start < keep.Length; start += chunk.Length)
        {
            int count = Math.Min(chunk.Length, keep.Length - start);
            for (int i = 0; i < count; i++)
            {
                chunk[i] = keep[start + i] ? (byte)1 : (byte)0;
            }

            destination.Write(chunk, 0, count);
        }
    }

    /// <summary>The number of bytes <see cref="Write(MaskTensor, Stream)"/> writes for <paramref name="mask"/>.</summary>
    public static long ByteCount(MaskTensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return NpyHeaderWriter.BoolHeader(mask.Shape).Length + (long)mask.ElementCount;
    }
}
