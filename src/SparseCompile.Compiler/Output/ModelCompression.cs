using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Brotli compression of a compiled model for shipping (<c>&lt;name&gt;.onnx.br</c>); the runtime decompresses it at load.
/// The file is plain Brotli of the ONNX bytes (any Brotli decoder reads it) with a metadata block in front that records
/// the model's length and SHA-256, so the runtime detects corruption (see <see cref="BrotliIntegrityBlock"/>).
/// Quality 4 with a 16 MiB window: on int8 weights it compresses better than qualities 5 to 9 and several times faster,
/// and the same bytes in give the same bytes out.
/// </summary>
public static class ModelCompression
{
    /// <summary>The extension a compressed model gets after <c>.onnx</c>.</summary>
    public const string Extension = ".br";

    private const int Quality = 4;
    private const int Window = 24;

    /// <summary>Compresses <paramref name="source"/> into the new file <paramref name="destination"/>; returns the compressed size.</summary>
    /// <exception cref="InvalidDataException">The compressed bytes do not decompress to the source (never expected).</exception>
    public static long Compress(string source, string destination)
    {
        byte[] model = File.ReadAllBytes(source);
        byte[] compressed = Compress(model);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        output.Write(compressed);
        output.Flush(flushToDisk: true);
        return output.Length;
    }

    /// <summary>The compressed form of <paramref name="model"/>, checked to decompress back to it.</summary>
    public static byte[] Compress(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(model.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(model, buffer, out int written, Quality, Window))
            {
                throw new InvalidDataException("Brotli could not compress the model.");
            }

            byte[] sha256 = SHA256.HashData(model);
            var stream = buffer.AsSpan(0, written);

            // Shifting the stream by half a byte can leave a last byte of only fill bits; drop it when the stream decodes without it.
            byte[] result = BrotliIntegrityBlock.Insert(stream, model.Length, sha256, keepLastByte: false);
            if (!DecodesTo(result, model))
            {
                result = BrotliIntegrityBlock.Insert(stream, model.Length, sha256, keepLastByte: true);
            }

            return DecodesTo(result, model) ? result : throw new InvalidDataException("The compressed model does not decompress to the compiled model.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decompresses a <c>.onnx.br</c> file into memory.</summary>
    public static byte[] Decompress(string path)
    {
        using var input = File.OpenRead(path);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        brotli.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static bool DecodesTo(byte[] compressed, byte[] model)
    {
        using var decoder = new BrotliDecoder();
        byte[] output = new byte[model.Length + 1];
        var status = decoder.Decompress(compressed, output, out int consumed, out int written);
        return status == OperationStatus.Done && consumed == compressed.Length && output.AsSpan(0, written).SequenceEqual(model);
    }
}
