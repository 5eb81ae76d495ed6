using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.IO;

/// <summary>
/// Writes a file under a temporary name in its destination folder and renames it into place
/// only when complete, so readers never see half a file and a failure leaves nothing behind.
/// </summary>
internal static class AtomicFile
{
    /// <exception cref="SparseCompileException">SC1114 when the file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string temp = fullPath + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.MaskWriteFailed, path, $"could not write the mask file: {e.Message}", inner: e);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary name is unique, so a leftover never clashes.
        }
    }
}
