using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Decoding;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.SafeTensors;

/// <summary>The safetensors dtypes a mask can have, all little-endian.</summary>
internal static class SafeTensorsDtype
{
    /// <summary>The keep rule for <paramref name="dtype"/>; SC1103 for complex, 4- and 6-bit and exponent-only types.</summary>
    public static KeepRule Parse(string dtype, string? filePath, string key) => dtype switch
    {
        "BOOL" or "U8" or "I8" => KeepRule.Integer(1),
        "U16" or "I16" => KeepRule.Integer(2),
        "U32" or "I32" => KeepRule.Integer(4),
        "U64" or "I64" => KeepRule.Integer(8),
        "F8_E4M3" or "F8_E5M2" => KeepRule.Float(1, bigEndian: false),
        "F16" or "BF16" => KeepRule.Float(2, bigEndian: false),
        "F32" => KeepRule.Float(4, bigEndian: false),
        "F64" => KeepRule.Float(8, bigEndian: false),
        _ => throw new SparseCompileException(MaskDiagnosticCodes.UnsupportedMaskDtype, filePath,
            $"mask '{key}' has dtype {dtype}; masks must be BOOL, U8/I8 to U64/I64, F8_E4M3, F8_E5M2, F16, BF16, F32 or F64", key),
    };
}
