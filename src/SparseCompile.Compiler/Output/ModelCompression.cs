using System.Buffers;
using System.IO.Compression;

namespace SparseCompile.Compiler.Output;

/// <summary>
/// Brotli compression of a compiled model for shipping (<c>&lt;name&gt;.onnx.br</c>); the runtime decompresses it at load.
/// Pruned and int8 weights compress well. Quality 6 with a 16 MiB window: most of the best ratio at a build-friendly speed,
/// and the same bytes in give the same bytes out.
/// </summary>
public static class ModelCompression
{
    /// <summary>The extension a compressed model gets after <c>.onnx</c>.</summary>
    public const string Extension = ".br";

    private const int Quality = 6;
    private const int Window = 24;

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/>; returns the compressed size.</summary>
    public static long Compress(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var encoder = new BrotliEncoder(Quality, Window);
        byte[] inBuffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        byte[] outBuffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = input.Read(inBuffer, 0, inBuffer.Length)) > 0)
            {
                Drain(encoder, inBuffer.AsSpan(0, read), outBuffer, output, final: false);
            }

            Drain(encoder, ReadOnlySpan<byte>.Empty, outBuffer, output, final: true);
            output.Flush(flushToDisk: true);
            return output.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inBuffer);
            ArrayPool<byte>.Shared.Return(outBuffer);
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

    private static void Drain(BrotliEncoder encoder, ReadOnlySpan<byte> source, byte[] outBuffer, Stream output, bool final)
    {
        while (true)
        {
            var status = encoder.Compress(source, outBuffer, out int consumed, out int written, isFinalBlock: final);
            output.Write(outBuffer, 0, written);
            source = source[consumed..];
            if (status == OperationStatus.InvalidData)
            {
                throw new InvalidDataException("Brotli could not compress the model.");
            }

            if (status == OperationStatus.Done || (status == OperationStatus.NeedMoreData && source.IsEmpty))
            {
                return;
            }
        }
    }
}
