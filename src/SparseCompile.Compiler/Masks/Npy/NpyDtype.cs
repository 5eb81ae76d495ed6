using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Decoding;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>
/// Reads an .npy <c>descr</c> string: a byte order (<c>&lt;</c> little, <c>&gt;</c> big,
/// <c>|</c> not applicable, <c>=</c> native), a kind (<c>b</c> bool, <c>i</c> signed,
/// <c>u</c> unsigned, <c>f</c> float) and an item size. Big-endian data is supported: the
/// keep test only needs to know which byte holds a float's sign.
/// </summary>
internal static class NpyDtype
{
    /// <summary>The keep rule for <paramref name="descr"/>; SC1103 for every other dtype.</summary>
    public static KeepRule Parse(string descr, string? filePath, string key)
    {
        if (descr.Length is >= 3 and <= 4 && descr[0] is '<' or '>' or '|' or '='
            && int.TryParse(descr.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size))
        {
            bool bigEndian = descr[0] == '>' || (descr[0] is '|' or '=' && !BitConverter.IsLittleEndian);
            switch (descr[1])
            {
                case 'b' when size == 1:
                case 'i' or 'u' when size is 1 or 2 or 4 or 8:
                    return KeepRule.Integer(size);
                case 'f' when size is 2 or 4 or 8:
                    return KeepRule.Float(size, bigEndian);
            }
        }

        throw new SparseCompileException(MaskDiagnosticCodes.UnsupportedMaskDtype, filePath,
            $"mask '{key}' has dtype '{descr}'; masks must be bool, integer (1, 2, 4 or 8 bytes) or float (2, 4 or 8 bytes)", key);
    }
}
