using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks;

/// <summary>The errors more than one mask reader raises, worded once.</summary>
internal static class MaskErrors
{
    public static SparseCompileException DuplicateKey(string? filePath, string key) =>
        new(MaskDiagnosticCodes.DuplicateMaskKey, filePath, $"two masks have the key '{key}'", key);

    /// <summary>SC1115 when <paramref name="key"/> is empty (found by fuzzing, issue 7: MaskTensor threw ArgumentException).</summary>
    public static void RequireKey(string? filePath, string key, string where)
    {
        if (key.Length == 0)
        {
            throw new SparseCompileException(MaskDiagnosticCodes.EmptyMaskKey, filePath, $"a mask has an empty key ({where}), so it names no weight");
        }
    }

    public static SparseCompileException DataShorterThanShape(string? filePath, string key, long needed, long present) =>
        new(MaskDiagnosticCodes.MaskDataSizeMismatch, filePath,
            $"mask '{key}' declares a shape of {needed} bytes but only {present} bytes of data are present", key);

    public static SparseCompileException DataLongerThanShape(string? filePath, string key, long needed, long present) =>
        new(MaskDiagnosticCodes.MaskDataSizeMismatch, filePath,
            $"mask '{key}' declares a shape of {needed} bytes but {present} bytes of data are present", key);
}
