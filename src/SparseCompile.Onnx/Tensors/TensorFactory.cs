using System.Runtime.InteropServices;
using Google.Protobuf;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tensors;

/// <summary>How a new tensor stores its values inside the model.</summary>
public enum TensorEncoding
{
    /// <summary>Packed little-endian bytes in raw_data (what most exporters write).</summary>
    Raw,
    /// <summary>The typed repeated field for the element type (float_data, int32_data, ...).</summary>
    Typed,
}

/// <summary>Creates TensorProto messages from values, in either in-model encoding.</summary>
public static class TensorFactory
{
    /// <summary>Creates a tensor from packed little-endian bytes.</summary>
    /// <exception cref="ArgumentException">The byte count does not match the dims and element type.</exception>
    public static TensorProto Create(string name, DataType elementType, IReadOnlyList<long> dims,
        ReadOnlySpan<byte> littleEndianBytes, TensorEncoding encoding = TensorEncoding.Raw)
    {
        long count = 1;
        foreach (long d in dims)
        {
            count = checked(count * d);
        }

        long expected = ElementTypes.ByteCount(elementType, count);
        if (elementType == DataType.String || expected != littleEndianBytes.Length)
        {
            throw new ArgumentException(
                $"{ElementTypes.Name((int)elementType)} tensor '{name}' of {count} elements needs {expected} bytes, got {littleEndianBytes.Length}.",
                nameof(littleEndianBytes));
        }

        var tensor = new TensorProto { Name = name, DataType = (int)elementType };
        tensor.Dims.AddRange(dims);
        if (encoding == TensorEncoding.Raw)
        {
            tensor.RawData = ByteString.CopyFrom(littleEndianBytes);
        }
        else
        {
            TypedFieldCodec.Write(tensor, elementType, littleEndianBytes);
        }

        return tensor;
    }

    /// <summary>Creates a tensor whose element type follows from <typeparamref name="T"/>.</summary>
    public static TensorProto Create<T>(string name, IReadOnlyList<long> dims, ReadOnlySpan<T> values,
        TensorEncoding encoding = TensorEncoding.Raw) where T : unmanaged =>
        Create(name, ElementTypeOf<T>(), dims, MemoryMarshal.AsBytes(values), encoding);

    /// <summary>Creates a STRING tensor (strings are always stored in string_data).</summary>
    public static TensorProto CreateStrings(string name, IReadOnlyList<long> dims, IEnumerable<byte[]> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.String };
        tensor.Dims.AddRange(dims);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFrom));
        return tensor;
    }

    /// <summary>The ONNX element type for a CLR value type.</summary>
    public static DataType ElementTypeOf<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => DataType.Float,
        var t when t == typeof(double) => DataType.Double,
        var t when t == typeof(Half) => DataType.Float16,
        var t when t == typeof(BFloat16) => DataType.Bfloat16,
        var t when t == typeof(sbyte) => DataType.Int8,
        var t when t == typeof(byte) => DataType.Uint8,
        var t when t == typeof(bool) => DataType.Bool,
        var t when t == typeof(short) => DataType.Int16,
        var t when t == typeof(ushort) => DataType.Uint16,
        var t when t == typeof(int) => DataType.Int32,
        var t when t == typeof(uint) => DataType.Uint32,
        var t when t == typeof(long) => DataType.Int64,
        var t when t == typeof(ulong) => DataType.Uint64,
        _ => throw new ArgumentException($"{typeof(T).Name} has no ONNX element type."),
    };
}
