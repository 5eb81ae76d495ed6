namespace SparseCompile.Compiler.Masks.Decoding;

/// <summary>
/// Streams a mask's stored elements into a new bool array in C order, one chunk at a time, so no
/// copy of the raw data is ever held whole. Callers check the declared size against the data
/// present before calling, so the array allocated here is backed by real bytes.
/// </summary>
internal static class KeepReader
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>Reads exactly <paramref name="count"/> elements from <paramref name="source"/>.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC1104 when the source ends early.</exception>
    public static bool[] Read(Stream source, KeepRule rule, long[] shape, int count, bool fortranOrder, string? filePath, string key)
    {
        var keep = new bool[count];
        if (count == 0)
        {
            return keep;
        }

        int chunkElements = Math.Min(count, ChunkBytes / rule.ItemSize);
        var buffer = new byte[chunkElements * rule.ItemSize];
        var scatter = fortranOrder && shape.Length > 1 ? new FortranScatter(shape) : null;
        var scratch = scatter is null ? null : new bool[chunkElements];
        int done = 0;
        while (done < count)
        {
            int elements = Math.Min(chunkElements, count - done);
            var bytes = buffer.AsSpan(0, elements * rule.ItemSize);
            int got = source.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length)
            {
                throw MaskErrors.DataShorterThanShape(filePath, key, (long)count * rule.ItemSize, ((long)done * rule.ItemSize) + got);
            }

            if (scatter is null)
            {
                rule.Apply(bytes, keep.AsSpan(done, elements));
            }
            else
            {
                var flags = scratch.AsSpan(0, elements);
                rule.Apply(bytes, flags);
                scatter.Scatter(flags, keep);
            }

            done += elements;
        }

        return keep;
    }
}
