using System.IO.Compression;

namespace SparseCompile.Testing.RealData;

/// <summary>
/// A small PNG decoder for test inputs: 8-bit RGB (colour type 2) and RGBA (6), non-interlaced, all five
/// filter types, IDAT split over any number of chunks, every CRC checked. Anything else is refused:
/// <see cref="NotSupportedException"/> for valid PNG features it does not handle (palette, greyscale,
/// 16-bit, interlaced), <see cref="InvalidDataException"/> for broken files.
/// </summary>
public static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Decodes the PNG file at <paramref name="path"/>.</summary>
    public static PngImage Decode(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Decodes a whole PNG file held in memory.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            throw new InvalidDataException("Not a PNG file: it does not start with the 8-byte PNG signature.");
        }

        var chunks = new PngChunkReader(png, Signature.Length);
        if (!chunks.Next() || chunks.Type != "IHDR")
        {
            throw new InvalidDataException("PNG file does not start with an IHDR chunk.");
        }

        var header = PngHeader.Parse(chunks.Data);
        using var compressed = new MemoryStream();
        bool ended = false;
        string last = "IHDR";
        while (!ended && chunks.Next())
        {
            switch (chunks.Type)
            {
                case "IDAT":
                    if (compressed.Length > 0 && last != "IDAT")
                    {
                        throw new InvalidDataException("PNG IDAT chunks must follow one another.");
                    }

                    compressed.Write(chunks.Data);
                    break;
                case "IEND":
                    ended = true;
                    break;
                case "IHDR":
                    throw new InvalidDataException("PNG file has a second IHDR chunk.");
                case "PLTE":
                    break; // A suggested palette for truecolour images: not needed to decode.
                default:
                    if (char.IsAsciiLetterUpper(chunks.Type[0]))
                    {
                        throw new NotSupportedException($"PNG critical chunk {chunks.Type} is not supported.");
                    }

                    break; // Ancillary chunks (text, gamma, ...) are skipped.
            }

            last = chunks.Type;
        }

        if (!ended)
        {
            throw new InvalidDataException("PNG file ends without an IEND chunk.");
        }

        if (compressed.Length == 0)
        {
            throw new InvalidDataException("PNG file has no IDAT chunk.");
        }

        compressed.Position = 0;
        byte[] filtered = Inflate(compressed, (long)header.Height * header.FilteredRowLength);
        var pixels = PngUnfilter.Apply(filtered, header.Width, header.Height, header.Channels);
        return new PngImage(header.Width, header.Height, header.Channels, pixels);
    }

    private static byte[] Inflate(Stream compressed, long expected)
    {
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                inflated.Write(buffer, 0, read);
                if (inflated.Length > expected)
                {
                    throw new InvalidDataException($"PNG image data inflates to more than the {expected} bytes the header allows.");
                }
            }

            return inflated.ToArray();
        }
        catch (InvalidDataException e) when (e.Message.StartsWith("PNG", StringComparison.Ordinal) is false)
        {
            throw new InvalidDataException("PNG image data is not a valid zlib stream: " + e.Message, e);
        }
    }
}
