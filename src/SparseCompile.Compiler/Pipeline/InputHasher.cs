using System.Security.Cryptography;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Pipeline;

/// <summary>SHA-256 of the files a compile reads: the model, its external data files, the mask.</summary>
public static class InputHasher
{
    /// <summary>Hashes the model file and every external data file its tensors name.</summary>
    public static IEnumerable<InputFileHash> ModelFiles(OnnxModel model, string modelPath)
    {
        yield return Hash("model", modelPath);
        var locations = TensorWalker.All(model.Proto)
            .Where(s => ExternalDataReference.IsExternal(s.Tensor))
            .Select(s => ExternalDataReference.Parse(s.Tensor, modelPath).Location)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (string location in locations)
        {
            // Loading already checked that each location stays inside the model's folder.
            yield return Hash("external-data", Path.Combine(model.Folder!, location));
        }
    }

    /// <summary>Hashes one file.</summary>
    public static InputFileHash Hash(string role, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        byte[] digest = SHA256.HashData(stream);
        return new InputFileHash(role, Path.GetFileName(path), Convert.ToHexString(digest).ToLowerInvariant(), stream.Length);
    }
}
