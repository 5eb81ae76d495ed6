using System.Buffers.Binary;

namespace SparseCompile.Testing.RealData;

/// <summary>The IHDR chunk, limited to what <see cref="PngDecoder"/> supports: 8-bit RGB or RGBA, not interlaced.</summary>
public sealed record PngHeader(int Width, int Height, int Channels)
{
    /// <summary>The largest width or height accepted (guards against absurd allocations).</summary>
    public const int MaxSide = 16384;

    /// <summary>Bytes per row of the filtered image data, filter-type byte included.</summary>
    public int FilteredRowLength => 1 + (Width * Channels);

    /// <summary>Parses and checks the 13 data bytes of IHDR.</summary>
    public static PngHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new InvalidDataException($"PNG IHDR has {data.Length} bytes; it must have 13.");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        byte bitDepth = data[8];
        byte colourType = data[9];
        byte compression = data[10];
        byte filter = data[11];
        byte interlace = data[12];

        if (width == 0 || height == 0)
        {
            throw new InvalidDataException($"PNG size {width}x{height}: width and height must be at least 1.");
        }

        if (width > MaxSide || height > MaxSide)
        {
            throw new NotSupportedException($"PNG size {width}x{height}: at most {MaxSide} pixels a side is supported.");
        }

        int channels = colourType switch
        {
            2 => 3,
            6 => 4,
            0 => throw new NotSupportedException("PNG colour type 0 (greyscale) is not supported; only 2 (RGB) and 6 (RGBA)."),
            3 => throw new NotSupportedException("PNG colour type 3 (palette) is not supported; only 2 (RGB) and 6 (RGBA)."),
            4 => throw new NotSupportedException("PNG colour type 4 (greyscale with alpha) is not supported; only 2 (RGB) and 6 (RGBA)."),
            _ => throw new InvalidDataException($"PNG colour type {colourType} does not exist."),
        };

        if (bitDepth != 8)
        {
            throw new NotSupportedException($"PNG bit depth {bitDepth} is not supported; only 8 bits per channel.");
        }

        if (compression != 0)
        {
            throw new InvalidDataException($"PNG compression method {compression} does not exist; only 0 (deflate).");
        }

        if (filter != 0)
        {
            throw new InvalidDataException($"PNG filter method {filter} does not exist; only 0 (adaptive).");
        }

        if (interlace != 0)
        {
            throw interlace == 1
                ? new NotSupportedException("Interlaced (Adam7) PNG is not supported.")
                : new InvalidDataException($"PNG interlace method {interlace} does not exist.");
        }

        return new PngHeader((int)width, (int)height, channels);
    }
}
