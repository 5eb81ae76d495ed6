namespace SparseCompile.Testing.RealData;

/// <summary>
/// An 8-bit image: rows top to bottom, pixels left to right, channels interleaved
/// (R G B, or R G B A when <see cref="Channels"/> is 4).
/// </summary>
public sealed class PngImage
{
    /// <summary>Wraps pixels; their count must be width × height × channels.</summary>
    public PngImage(int width, int height, int channels, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (channels is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Only RGB (3) and RGBA (4) images.");
        }

        if (pixels.Length != (long)width * height * channels)
        {
            throw new ArgumentException($"{width}x{height}x{channels} needs {(long)width * height * channels} bytes, not {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>3 (RGB) or 4 (RGBA).</summary>
    public int Channels { get; }

    /// <summary>The interleaved pixel bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>One channel (0 = R, 1 = G, 2 = B, 3 = A) of the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte this[int x, int y, int channel] => Pixels[(((y * Width) + x) * Channels) + channel];

    /// <summary>The image without its alpha channel (itself when it has none).</summary>
    public PngImage ToRgb()
    {
        if (Channels == 3)
        {
            return this;
        }

        var rgb = new byte[Width * Height * 3];
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = Pixels[i];
            rgb[j + 1] = Pixels[i + 1];
            rgb[j + 2] = Pixels[i + 2];
        }

        return new PngImage(Width, Height, 3, rgb);
    }

    /// <summary>The mirror image (left and right swapped).</summary>
    public PngImage FlipHorizontal()
    {
        var flipped = new byte[Pixels.Length];
        int row = Width * Channels;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                Array.Copy(Pixels, (y * row) + (x * Channels), flipped, (y * row) + ((Width - 1 - x) * Channels), Channels);
            }
        }

        return new PngImage(Width, Height, Channels, flipped);
    }
}
