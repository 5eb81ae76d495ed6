using System.Security.Cryptography;

namespace SparseCompile.Runtime;

/// <summary>A model ready for ONNX Runtime: a plain file on disk (kept as a path, so external data still resolves) or bytes.</summary>
internal sealed class ModelPayload
{
    private readonly byte[]? knownSha256;

    private ModelPayload(string? path, byte[]? bytes, byte[]? knownSha256)
    {
        Path = path;
        Bytes = bytes;
        this.knownSha256 = knownSha256;
    }

    /// <summary>The model file, when the model is read from disk.</summary>
    public string? Path { get; }

    /// <summary>The model bytes, when the model is held in memory.</summary>
    public byte[]? Bytes { get; }

    public static ModelPayload FromPath(string path) => new(path, null, null);

    /// <summary>Model bytes; <paramref name="sha256"/>, when given, is their already verified SHA-256, so it is not computed again.</summary>
    public static ModelPayload FromBytes(byte[] bytes, byte[]? sha256 = null) => new(null, bytes, sha256);

    /// <summary>The lower-case hex SHA-256 of the model bytes.</summary>
    public string Sha256()
    {
        if (Bytes is not null)
        {
            return Convert.ToHexString(knownSha256 ?? SHA256.HashData(Bytes)).ToLowerInvariant();
        }

        using var stream = File.OpenRead(Path!);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
