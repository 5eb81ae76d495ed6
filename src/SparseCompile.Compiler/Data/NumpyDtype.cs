using System.Globalization;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>A numeric .npy dtype: the ONNX element type it maps to, its item size and byte order.</summary>
/// <param name="ElementType">The ONNX element type.</param>
/// <param name="ItemSize">Bytes per element.</param>
/// <param name="BigEndian">True when the file stores the bytes most significant first.</param>
internal readonly record struct NumpyDtype(DataType ElementType, int ItemSize, bool BigEndian)
{
    /// <summary>Parses <c>&lt;f4</c>, <c>|b1</c>, <c>&gt;i8</c> and the like; null for every dtype a model input cannot take.</summary>
    public static NumpyDtype? Parse(string descr)
    {
        if (descr.Length is < 3 or > 4 || descr[0] is not ('<' or '>' or '|' or '=')
            || !int.TryParse(descr.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
        {
            return null;
        }

        bool bigEndian = descr[0] == '>' || (descr[0] is '|' or '=' && !BitConverter.IsLittleEndian);
        DataType? type = (descr[1], size) switch
        {
            ('b', 1) => DataType.Bool,
            ('f', 2) => DataType.Float16,
            ('f', 4) => DataType.Float,
            ('f', 8) => DataType.Double,
            ('i', 1) => DataType.Int8,
            ('i', 2) => DataType.Int16,
            ('i', 4) => DataType.Int32,
            ('i', 8) => DataType.Int64,
            ('u', 1) => DataType.Uint8,
            ('u', 2) => DataType.Uint16,
            ('u', 4) => DataType.Uint32,
            ('u', 8) => DataType.Uint64,
            _ => null,
        };
        return type is { } t ? new NumpyDtype(t, size, bigEndian && size > 1) : null;
    }
}
