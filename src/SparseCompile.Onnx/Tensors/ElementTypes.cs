using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tensors;

/// <summary>Which repeated field of a TensorProto holds an element type's values when raw_data is not used.</summary>
public enum TypedField
{
    /// <summary>No typed field can hold the type.</summary>
    None,
    /// <summary><c>float_data</c>: FLOAT, COMPLEX64.</summary>
    FloatData,
    /// <summary><c>int32_data</c>: 32-bit and narrower integers, bool, 16-bit and 8-bit floats, packed 4-bit and 2-bit types.</summary>
    Int32Data,
    /// <summary><c>int64_data</c>: INT64.</summary>
    Int64Data,
    /// <summary><c>double_data</c>: DOUBLE, COMPLEX128.</summary>
    DoubleData,
    /// <summary><c>uint64_data</c>: UINT32, UINT64.</summary>
    UInt64Data,
    /// <summary><c>string_data</c>: STRING.</summary>
    StringData,
}

/// <summary>Facts about ONNX element types: size, packing, which typed field holds them.</summary>
public static class ElementTypes
{
    /// <summary>Bits one element occupies in raw_data; 0 for STRING and unknown types.</summary>
    public static int BitsPerElement(DataType type) => type switch
    {
        DataType.Float or DataType.Int32 or DataType.Uint32 => 32,
        DataType.Double or DataType.Int64 or DataType.Uint64 or DataType.Complex64 => 64,
        DataType.Complex128 => 128,
        DataType.Float16 or DataType.Bfloat16 or DataType.Int16 or DataType.Uint16 => 16,
        DataType.Int8 or DataType.Uint8 or DataType.Bool
            or DataType.Float8E4M3Fn or DataType.Float8E4M3Fnuz or DataType.Float8E5M2
            or DataType.Float8E5M2Fnuz or DataType.Float8E8M0 => 8,
        DataType.Int4 or DataType.Uint4 or DataType.Float4E2M1 => 4,
        DataType.Int2 or DataType.Uint2 => 2,
        _ => 0,
    };

    /// <summary>True for types whose elements share bytes (4-bit and 2-bit types).</summary>
    public static bool IsSubByte(DataType type) => BitsPerElement(type) is > 0 and < 8;

    /// <summary>True for element types this library knows (everything but UNDEFINED and unknown numbers).</summary>
    public static bool IsKnown(int dataType) =>
        dataType != (int)DataType.Undefined && Enum.IsDefined(typeof(DataType), dataType);

    /// <summary>Bytes that <paramref name="elementCount"/> elements occupy in raw_data, rounded up for sub-byte types.</summary>
    public static long ByteCount(DataType type, long elementCount)
    {
        long bits = BitsPerElement(type);
        return bits == 0 ? 0 : checked(elementCount * bits + 7) / 8;
    }

    /// <summary>The typed field that holds this element type when raw_data is not used.</summary>
    public static TypedField FieldOf(DataType type) => type switch
    {
        DataType.Float or DataType.Complex64 => TypedField.FloatData,
        DataType.Double or DataType.Complex128 => TypedField.DoubleData,
        DataType.Int64 => TypedField.Int64Data,
        DataType.Uint32 or DataType.Uint64 => TypedField.UInt64Data,
        DataType.String => TypedField.StringData,
        DataType.Undefined => TypedField.None,
        _ when BitsPerElement(type) > 0 => TypedField.Int32Data,
        _ => TypedField.None,
    };

    /// <summary>
    /// How many entries of the typed field a tensor of <paramref name="elementCount"/> elements needs:
    /// two per complex value, one per packed byte for sub-byte types, one per element otherwise.
    /// </summary>
    public static long TypedFieldCount(DataType type, long elementCount) => type switch
    {
        DataType.Complex64 or DataType.Complex128 => checked(elementCount * 2),
        _ when IsSubByte(type) => ByteCount(type, elementCount),
        _ => elementCount,
    };

    /// <summary>Bytes each entry of the typed field stands for in raw_data.</summary>
    internal static int BytesPerTypedEntry(DataType type) => type switch
    {
        DataType.Complex64 => 4,
        DataType.Complex128 => 8,
        _ when IsSubByte(type) => 1,
        _ => BitsPerElement(type) / 8,
    };

    /// <summary>The ONNX spelling of an element type (FLOAT, INT64, ...), or the number when unknown.</summary>
    public static string Name(int dataType) =>
        IsKnown(dataType) ? NameOf((DataType)dataType) : $"type {dataType}";

    private static string NameOf(DataType type) => type switch
    {
        DataType.Float => "FLOAT",
        DataType.Uint8 => "UINT8",
        DataType.Int8 => "INT8",
        DataType.Uint16 => "UINT16",
        DataType.Int16 => "INT16",
        DataType.Int32 => "INT32",
        DataType.Int64 => "INT64",
        DataType.String => "STRING",
        DataType.Bool => "BOOL",
        DataType.Float16 => "FLOAT16",
        DataType.Double => "DOUBLE",
        DataType.Uint32 => "UINT32",
        DataType.Uint64 => "UINT64",
        DataType.Complex64 => "COMPLEX64",
        DataType.Complex128 => "COMPLEX128",
        DataType.Bfloat16 => "BFLOAT16",
        DataType.Float8E4M3Fn => "FLOAT8E4M3FN",
        DataType.Float8E4M3Fnuz => "FLOAT8E4M3FNUZ",
        DataType.Float8E5M2 => "FLOAT8E5M2",
        DataType.Float8E5M2Fnuz => "FLOAT8E5M2FNUZ",
        DataType.Uint4 => "UINT4",
        DataType.Int4 => "INT4",
        DataType.Float4E2M1 => "FLOAT4E2M1",
        DataType.Float8E8M0 => "FLOAT8E8M0",
        DataType.Uint2 => "UINT2",
        DataType.Int2 => "INT2",
        _ => type.ToString().ToUpperInvariant(),
    };

    /// <summary>The element type a CLR type views, for typed spans; null when there is none.</summary>
    internal static DataType[] ViewableAs(Type clrType) => clrType switch
    {
        _ when clrType == typeof(float) => [DataType.Float],
        _ when clrType == typeof(double) => [DataType.Double],
        _ when clrType == typeof(Half) => [DataType.Float16],
        _ when clrType == typeof(BFloat16) => [DataType.Bfloat16],
        _ when clrType == typeof(sbyte) => [DataType.Int8],
        _ when clrType == typeof(byte) => [DataType.Uint8, DataType.Bool],
        _ when clrType == typeof(bool) => [DataType.Bool],
        _ when clrType == typeof(short) => [DataType.Int16],
        _ when clrType == typeof(ushort) => [DataType.Uint16, DataType.Float16, DataType.Bfloat16],
        _ when clrType == typeof(int) => [DataType.Int32],
        _ when clrType == typeof(uint) => [DataType.Uint32],
        _ when clrType == typeof(long) => [DataType.Int64],
        _ when clrType == typeof(ulong) => [DataType.Uint64],
        _ => [],
    };

    /// <summary>Reads the element type of a tensor as the enum, whatever number it holds.</summary>
    internal static DataType TypeOf(TensorProto tensor) => (DataType)tensor.DataType;
}
