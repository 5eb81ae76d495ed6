namespace SparseCompile.Testing.RealData;

/// <summary>Reverses PNG's per-row filters (None, Sub, Up, Average, Paeth) for 8-bit samples.</summary>
public static class PngUnfilter
{
    /// <summary>
    /// Turns the inflated image data (each row: one filter-type byte, then the filtered bytes) into plain
    /// interleaved pixels. <paramref name="bytesPerPixel"/> is the channel count at 8 bits per channel.
    /// </summary>
    public static byte[] Apply(ReadOnlySpan<byte> filtered, int width, int height, int bytesPerPixel)
    {
        int row = width * bytesPerPixel;
        if (filtered.Length != (long)height * (row + 1))
        {
            throw new InvalidDataException($"PNG image data inflates to {filtered.Length} bytes; {width}x{height} with {bytesPerPixel} bytes a pixel needs {(long)height * (row + 1)}.");
        }

        var pixels = new byte[row * height];
        for (int y = 0; y < height; y++)
        {
            byte type = filtered[y * (row + 1)];
            var source = filtered.Slice((y * (row + 1)) + 1, row);
            var current = pixels.AsSpan(y * row, row);
            var previous = y == 0 ? default : pixels.AsSpan((y - 1) * row, row);
            UnfilterRow(type, y, source, current, previous, bytesPerPixel);
        }

        return pixels;
    }

    private static void UnfilterRow(byte type, int y, ReadOnlySpan<byte> source, Span<byte> current, ReadOnlySpan<byte> previous, int bpp)
    {
        // previous is empty on the first row: bytes above the image count as 0.
        bool hasPrevious = !previous.IsEmpty;
        for (int i = 0; i < source.Length; i++)
        {
            int left = i >= bpp ? current[i - bpp] : 0;
            int up = hasPrevious ? previous[i] : 0;
            int upLeft = hasPrevious && i >= bpp ? previous[i - bpp] : 0;
            int predictor = type switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"PNG row {y} has filter type {type}; only 0 to 4 exist."),
            };
            current[i] = (byte)(source[i] + predictor);
        }
    }

    /// <summary>The Paeth predictor: whichever of left, up and upper-left is nearest to left + up - upper-left.</summary>
    public static int Paeth(int left, int up, int upLeft)
    {
        int p = left + up - upLeft;
        int pa = Math.Abs(p - left);
        int pb = Math.Abs(p - up);
        int pc = Math.Abs(p - upLeft);
        if (pa <= pb && pa <= pc)
        {
            return left;
        }

        return pb <= pc ? up : upLeft;
    }
}
