using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>Writes small PNG files for decoder tests, with a chosen filter type per row and any header fields.</summary>
internal static class PngTestWriter
{
    /// <summary>A PNG of <paramref name="pixels"/> (interleaved, 8-bit), row y filtered with filters[y % filters.Length].</summary>
    public static byte[] Write(int width, int height, int channels, byte[] pixels, byte[] filters, int idatChunks = 1)
    {
        byte colourType = channels == 4 ? (byte)6 : (byte)2;
        var filtered = Filter(width, height, channels, pixels, filters);
        return Assemble(Header(width, height, 8, colourType, 0), Compress(filtered), idatChunks);
    }

    /// <summary>The 13 bytes of an IHDR chunk.</summary>
    public static byte[] Header(int width, int height, byte bitDepth, byte colourType, byte interlace)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colourType;
        ihdr[12] = interlace;
        return ihdr;
    }

    /// <summary>Signature, IHDR, the zlib data split over <paramref name="idatChunks"/> IDAT chunks, IEND.</summary>
    public static byte[] Assemble(byte[] ihdr, byte[] zlib, int idatChunks = 1)
    {
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "tEXt", Encoding.ASCII.GetBytes("Comment\0test"));
        int part = (zlib.Length + idatChunks - 1) / idatChunks;
        for (int start = 0; start < zlib.Length; start += part)
        {
            WriteChunk(png, "IDAT", zlib.AsSpan(start, Math.Min(part, zlib.Length - start)));
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>zlib-compresses bytes.</summary>
    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        png.Write(word);
    }

    private static byte[] Filter(int width, int height, int bpp, byte[] pixels, byte[] filters)
    {
        int row = width * bpp;
        var output = new byte[height * (row + 1)];
        for (int y = 0; y < height; y++)
        {
            byte type = filters[y % filters.Length];
            output[y * (row + 1)] = type;
            for (int i = 0; i < row; i++)
            {
                int x = pixels[(y * row) + i];
                int a = i >= bpp ? pixels[(y * row) + i - bpp] : 0;
                int b = y > 0 ? pixels[((y - 1) * row) + i] : 0;
                int c = y > 0 && i >= bpp ? pixels[((y - 1) * row) + i - bpp] : 0;
                int predictor = type switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => PaethFromSpec(a, b, c),
                };
                output[(y * (row + 1)) + 1 + i] = (byte)(x - predictor);
            }
        }

        return output;
    }

    // PNG specification, section 9.4.
    private static int PaethFromSpec(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
