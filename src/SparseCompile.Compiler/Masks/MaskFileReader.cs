using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Readers;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks;

/// <summary>
/// Reads a mask file, choosing the reader from the extension: <c>.npz</c> (numpy.savez or
/// savez_compressed), <c>.npy</c> (one array, keyed by the file name without extension),
/// <c>.safetensors</c>, or <c>.onnx</c> (every initializer of the main graph is a mask).
/// A mask keeps an element where the stored value is nonzero (NaN keeps, -0.0 drops).
/// </summary>
public static class MaskFileReader
{
    /// <summary>The extensions <see cref="Read"/> understands, lower case with the dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".npz", ".npy", ".safetensors", ".onnx"];

    /// <summary>Reads every mask in the file at <paramref name="path"/>.</summary>
    /// <param name="path">The mask file.</param>
    /// <param name="options">Limits for hostile input; <see cref="MaskReadOptions.Default"/> when null.</param>
    /// <exception cref="SparseCompileException">
    /// An SC11xx code (see <see cref="MaskDiagnosticCodes"/>) naming the file, and the key where one applies;
    /// for .onnx files, the model layer's SC10xx codes as well.
    /// </exception>
    public static MaskSet Read(string path, MaskReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= MaskReadOptions.Default;
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            string what = Directory.Exists(fullPath) ? "is a folder, not a mask file" : "does not exist";
            throw new SparseCompileException(MaskDiagnosticCodes.MaskFileNotFound, path, $"the mask file {what}");
        }

        string extension = Path.GetExtension(fullPath);
        Func<string, MaskReadOptions, MaskSet>? reader = extension switch
        {
            _ when Is(extension, ".npz") => NpzMaskReader.Read,
            _ when Is(extension, ".npy") => (file, _) => NpyMaskReader.Read(file),
            _ when Is(extension, ".safetensors") => (file, _) => SafeTensorsMaskReader.Read(file),
            _ when Is(extension, ".onnx") => (file, _) => OnnxMaskReader.Read(file),
            _ => null,
        };
        if (reader is null)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.UnknownMaskFormat, path,
                $"the extension '{extension}' is not a mask format; use one of {string.Join(", ", SupportedExtensions)}");
        }

        try
        {
            if (new FileInfo(fullPath).Length == 0)
            {
                throw new SparseCompileException(MaskDiagnosticCodes.EmptyMaskFile, path, "the mask file is empty");
            }

            return reader(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.MaskReadFailed, path, $"the mask file could not be read: {e.Message}", inner: e);
        }
    }

    private static bool Is(string extension, string expected) => string.Equals(extension, expected, StringComparison.OrdinalIgnoreCase);
}
