using System.Security.Cryptography;
using System.Text.Json;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>The PNG decoder: the committed photos decode to exactly PIL's pixels; every filter type; clear refusals.</summary>
public class PngDecoderTests
{
    public static TheoryData<string> PhotoNames => [.. Photos.All];

    [Theory]
    [MemberData(nameof(PhotoNames))]
    public void PhotoDecodesToExactlyThePixelsPilDecoded(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RealDataFiles.Find("photos", "pixels.json")));
        var expected = json.RootElement.GetProperty(name + ".png");

        var image = Photos.Load(name);

        Assert.Equal((224, 224, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(expected.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(image.Pixels)));
        var firstRow = expected.GetProperty("firstRow").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        Assert.Equal(firstRow, image.Pixels[..(224 * 3)]);
        var means = expected.GetProperty("channelMeans").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(means[c], ChannelMean(image, c), 4);
        }
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 0)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    [InlineData(4, 3)]
    [InlineData(4, 4)]
    public void EveryFilterTypeRoundTrips(int channels, byte filter)
    {
        var pixels = NoisyPixels(13, 7, channels, seed: filter);
        var png = PngTestWriter.Write(13, 7, channels, pixels, [filter]);

        var image = PngDecoder.Decode(png);

        Assert.Equal((13, 7, channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void MixedFiltersAndSplitIdatRoundTrip()
    {
        var pixels = NoisyPixels(31, 20, 4, seed: 9);
        var png = PngTestWriter.Write(31, 20, 4, pixels, [4, 0, 3, 1, 2, 4, 4, 3], idatChunks: 5);

        var image = PngDecoder.Decode(png);

        Assert.Equal(pixels, image.Pixels);
        Assert.Equal(pixels.Where((_, i) => i % 4 != 3).ToArray(), image.ToRgb().Pixels);
    }

    [Theory]
    [InlineData(8, 3, 0, "colour type 3 (palette)")]
    [InlineData(8, 0, 0, "colour type 0 (greyscale)")]
    [InlineData(8, 4, 0, "colour type 4")]
    [InlineData(16, 2, 0, "bit depth 16")]
    [InlineData(8, 2, 1, "Interlaced")]
    public void UnsupportedFormatsAreRefusedByName(byte bitDepth, byte colourType, byte interlace, string message)
    {
        var png = PngTestWriter.Assemble(PngTestWriter.Header(4, 4, bitDepth, colourType, interlace), PngTestWriter.Compress(new byte[100]));

        var error = Assert.Throws<NotSupportedException>(() => PngDecoder.Decode(png));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenFilesAreRefused()
    {
        var good = PngTestWriter.Write(5, 5, 3, NoisyPixels(5, 5, 3, seed: 1), [1]);
        Assert.Contains("signature", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(good.AsSpan(1).ToArray())).Message, StringComparison.Ordinal);

        var badCrc = (byte[])good.Clone();
        badCrc[20] ^= 0xFF; // inside IHDR's data
        Assert.Contains("CRC", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(badCrc)).Message, StringComparison.Ordinal);

        Assert.Contains("IEND", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(good.AsSpan(0, good.Length - 12).ToArray())).Message, StringComparison.Ordinal);
        Assert.Contains("cut off", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(good.AsSpan(0, good.Length - 5).ToArray())).Message, StringComparison.Ordinal);

        var badFilter = PngTestWriter.Assemble(PngTestWriter.Header(2, 1, 8, 2, 0), PngTestWriter.Compress([7, 1, 2, 3, 4, 5, 6]));
        Assert.Contains("filter type 7", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(badFilter)).Message, StringComparison.Ordinal);

        var shortData = PngTestWriter.Assemble(PngTestWriter.Header(2, 2, 8, 2, 0), PngTestWriter.Compress([0, 1, 2, 3, 4, 5, 6]));
        Assert.Contains("inflates to 7 bytes", Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(shortData)).Message, StringComparison.Ordinal);
    }

    private static byte[] NoisyPixels(int width, int height, int channels, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (int i = 0; i < pixels.Length; i++)
        {
            // A smooth gradient plus noise, so every predictor has both small and wrapping residuals.
            pixels[i] = (byte)((i * 7 / channels) + random.Next(0, 40));
        }

        return pixels;
    }

    private static double ChannelMean(PngImage image, int channel)
    {
        long sum = 0;
        for (int i = channel; i < image.Pixels.Length; i += image.Channels)
        {
            sum += image.Pixels[i];
        }

        return (double)sum / (image.Width * image.Height);
    }
}
