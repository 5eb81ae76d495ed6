using SparseCompile.Compiler.Masks.Npy;

namespace SparseCompile.Compiler.Masks.Readers;

/// <summary>Reads an .npy file: one mask, keyed by the file name without its extension.</summary>
internal static class NpyMaskReader
{
    public static MaskSet Read(string path)
    {
        string key = Path.GetFileNameWithoutExtension(path);
        using var stream = MaskFileStreams.OpenRead(path);
        MaskErrors.RequireKey(path, key, "a file named just '.npy'");
        var mask = NpyArrayReader.Read(stream, stream.Length, path, key);
        return new MaskSet(path, [mask]);
    }
}
