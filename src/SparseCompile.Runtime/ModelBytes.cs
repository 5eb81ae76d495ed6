using System.Buffers;
using System.IO.Compression;

namespace SparseCompile.Runtime;

/// <summary>Reads whole models from streams, undoing Brotli compression when asked.</summary>
internal static class ModelBytes
{
    /// <summary>The suffix that marks Brotli-compressed models and resources.</summary>
    public const string BrotliSuffix = ".br";

    public static bool IsBrotliName(string name) => name.EndsWith(BrotliSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="stream"/> to its end, decompressing when <paramref name="brotli"/> is set.</summary>
    public static byte[] Read(Stream stream, bool brotli, string description)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return brotli ? Decompress(buffer.ToArray(), description) : buffer.ToArray();
    }

    /// <summary>Decompresses a complete Brotli stream; truncated or corrupt data is a <see cref="SparseModelException"/>.</summary>
    public static byte[] Decompress(byte[] compressed, string description)
    {
        using var decoder = new BrotliDecoder();
        byte[] output = new byte[Math.Max(1024, compressed.Length * 4)];
        int read = 0;
        int written = 0;
        while (true)
        {
            var status = decoder.Decompress(compressed.AsSpan(read), output.AsSpan(written), out int consumed, out int produced);
            read += consumed;
            written += produced;
            switch (status)
            {
                case OperationStatus.Done:
                    return output.AsSpan(0, written).ToArray();
                case OperationStatus.DestinationTooSmall:
                    Array.Resize(ref output, output.Length * 2);
                    break;
                default:
                    string why = status == OperationStatus.NeedMoreData ? "truncated" : "corrupt";
                    throw new SparseModelException(SparseModelErrorCodes.SourceUnreadable, $"The {description} is not valid Brotli data ({why}).");
            }
        }
    }
}
