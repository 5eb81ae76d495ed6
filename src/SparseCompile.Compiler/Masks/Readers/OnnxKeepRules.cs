using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Decoding;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Masks.Readers;

/// <summary>How each ONNX element type decides keep or drop.</summary>
internal static class OnnxKeepRules
{
    /// <summary>The keep rule for <paramref name="type"/>; SC1103 for strings, complex, sub-byte and E8M0 types.</summary>
    public static KeepRule For(DataType type, string? filePath, string key) => type switch
    {
        DataType.Bool or DataType.Int8 or DataType.Uint8 => KeepRule.Integer(1),
        DataType.Int16 or DataType.Uint16 => KeepRule.Integer(2),
        DataType.Int32 or DataType.Uint32 => KeepRule.Integer(4),
        DataType.Int64 or DataType.Uint64 => KeepRule.Integer(8),

        // The FNUZ float8 types have no negative zero: 0x80 is their NaN, which keeps.
        DataType.Float8E4M3Fnuz or DataType.Float8E5M2Fnuz => KeepRule.Integer(1),
        DataType.Float8E4M3Fn or DataType.Float8E5M2 => KeepRule.Float(1, bigEndian: false),
        DataType.Float16 or DataType.Bfloat16 => KeepRule.Float(2, bigEndian: false),
        DataType.Float => KeepRule.Float(4, bigEndian: false),
        DataType.Double => KeepRule.Float(8, bigEndian: false),
        _ => throw new SparseCompileException(MaskDiagnosticCodes.UnsupportedMaskDtype, filePath,
            $"mask '{key}' has element type {ElementTypes.Name((int)type)}; masks must be bool, integer or float", key),
    };
}
