using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks;

/// <summary>The errors more than one mask reader raises, worded once.</summary>
internal static class MaskErrors
{
    public static SparseCompileException DuplicateKey(string? filePath, string key) =>
        new(MaskDiagnosticCodes.DuplicateMaskKey, filePath, $"two masks have the key '{key}'", key);

    public static SparseCompileException DataShorterThanShape(string? filePath, string key, long needed, long present) =>
        new(MaskDiagnosticCodes.MaskDataSizeMismatch, filePath,
            $"mask '{key}' declares a shape of {needed} bytes but only {present} bytes of data are present", key);

    public static SparseCompileException DataLongerThanShape(string? filePath, string key, long needed, long present) =>
        new(MaskDiagnosticCodes.MaskDataSizeMismatch, filePath,
            $"mask '{key}' declares a shape of {needed} bytes but {present} bytes of data are present", key);
}
