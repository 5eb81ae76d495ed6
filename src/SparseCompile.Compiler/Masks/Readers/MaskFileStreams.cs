namespace SparseCompile.Compiler.Masks.Readers;

/// <summary>How the readers open a mask file: read-only, shared with other readers.</summary>
internal static class MaskFileStreams
{
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
}
