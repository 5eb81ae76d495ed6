using System.Security.Cryptography;

namespace SparseCompile.Runtime;

/// <summary>A model ready for ONNX Runtime: a plain file on disk (kept as a path, so external data still resolves) or bytes.</summary>
internal sealed class ModelPayload
{
    private ModelPayload(string? path, byte[]? bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    /// <summary>The model file, when the model is read from disk.</summary>
    public string? Path { get; }

    /// <summary>The model bytes, when the model is held in memory.</summary>
    public byte[]? Bytes { get; }

    public static ModelPayload FromPath(string path) => new(path, null);

    public static ModelPayload FromBytes(byte[] bytes) => new(null, bytes);

    /// <summary>The lower-case hex SHA-256 of the model bytes.</summary>
    public string Sha256()
    {
        if (Bytes is not null)
        {
            return Convert.ToHexString(SHA256.HashData(Bytes)).ToLowerInvariant();
        }

        using var stream = File.OpenRead(Path!);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
