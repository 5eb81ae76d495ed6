using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace SparseCompile.Runtime;

/// <summary>Reads whole models from streams, undoing Brotli compression when asked and checking the compiler's integrity record.</summary>
internal static class ModelBytes
{
    /// <summary>The suffix that marks Brotli-compressed models and resources.</summary>
    public const string BrotliSuffix = ".br";

    /// <summary>The first output buffer holds this many times the compressed size (plus <see cref="InitialSlack"/>).</summary>
    private const int InitialExpansion = 8;

    /// <summary>Bytes added to the first output buffer, so small streams rarely need to grow it.</summary>
    private const int InitialSlack = 1 << 20;

    public static bool IsBrotliName(string name) => name.EndsWith(BrotliSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="stream"/> to its end as a payload, decompressing when <paramref name="brotli"/> is set.</summary>
    public static ModelPayload Read(Stream stream, bool brotli, string description)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return brotli ? Decompress(buffer.ToArray(), description) : ModelPayload.FromBytes(buffer.ToArray());
    }

    /// <summary>
    /// Decompresses a complete Brotli stream. Truncated or corrupt data, bytes after the stream, and a model whose length or
    /// SHA-256 differs from the compiler's record are a <see cref="SparseModelException"/> naming <paramref name="description"/>.
    /// </summary>
    public static ModelPayload Decompress(byte[] compressed, string description)
    {
        if (!BrotliIntegrity.TryRead(compressed, out long length, out var expectedSha))
        {
            return ModelPayload.FromBytes(Inflate(compressed, Array.MaxLength, description));
        }

        if (length < 0 || length > Array.MaxLength)
        {
            throw Corrupt(description, $"its integrity record gives an impossible model length ({length} bytes)");
        }

        byte[] model = Inflate(compressed, length, description);
        if (model.Length != length)
        {
            throw Corrupt(description, $"it decompresses to {model.Length} bytes, not the {length} recorded when it was compiled");
        }

        byte[] sha = SHA256.HashData(model);
        return sha.AsSpan().SequenceEqual(expectedSha)
            ? ModelPayload.FromBytes(model, sha)
            : throw Corrupt(description, "its SHA-256 differs from the one recorded when it was compiled");
    }

    /// <summary>
    /// Decodes <paramref name="compressed"/>, which may give at most <paramref name="maxLength"/> bytes (the recorded length, or
    /// <see cref="Array.MaxLength"/> without a record). The record is not trusted for the first allocation, so a damaged length
    /// cannot ask for gigabytes before anything is decoded: the buffer starts from the compressed size and doubles as needed.
    /// </summary>
    private static byte[] Inflate(byte[] compressed, long maxLength, string description)
    {
        using var decoder = new BrotliDecoder();

        // One byte of room past the limit, so a stream that decodes to more than the record says is caught.
        int limit = (int)Math.Min(maxLength + 1, Array.MaxLength);
        byte[] output = new byte[Math.Min(limit, compressed.Length * (long)InitialExpansion + InitialSlack)];
        int read = 0;
        int written = 0;
        while (true)
        {
            var status = decoder.Decompress(compressed.AsSpan(read), output.AsSpan(written), out int consumed, out int produced);
            read += consumed;
            written += produced;
            switch (status)
            {
                case OperationStatus.Done when read == compressed.Length:
                    return written == output.Length ? output : output.AsSpan(0, written).ToArray();
                case OperationStatus.Done:
                    throw Corrupt(description, $"{compressed.Length - read} bytes follow the end of its Brotli stream");
                case OperationStatus.DestinationTooSmall when output.Length < limit:
                    Array.Resize(ref output, (int)Math.Min(output.Length * 2L, limit));
                    break;
                case OperationStatus.DestinationTooSmall when maxLength < Array.MaxLength:
                    throw Corrupt(description, $"it decompresses to more than the {maxLength} bytes recorded when it was compiled");
                case OperationStatus.DestinationTooSmall:
                    throw Corrupt(description, "it decompresses to more than the largest possible model");
                default:
                    throw new SparseModelException(SparseModelErrorCodes.SourceUnreadable,
                        $"The {description} is not valid Brotli data ({(status == OperationStatus.NeedMoreData ? "truncated" : "corrupt")}).");
            }
        }
    }

    private static SparseModelException Corrupt(string description, string why) =>
        new(SparseModelErrorCodes.SourceUnreadable, $"The {description} is corrupt: {why}.");
}
