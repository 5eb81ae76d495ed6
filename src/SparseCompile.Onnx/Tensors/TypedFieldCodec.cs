using System.Runtime.InteropServices;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tensors;

/// <summary>
/// Converts between the typed repeated fields of a TensorProto and packed little-endian bytes,
/// following ONNX's packing rules (16-bit floats as bit patterns in int32_data, one packed byte
/// per int32 entry for 4-bit and 2-bit types, UINT32 widened into uint64_data).
/// </summary>
internal static class TypedFieldCodec
{
    /// <summary>Number of entries present in the field that holds <paramref name="type"/>.</summary>
    public static long CountPresent(TensorProto tensor, DataType type) => ElementTypes.FieldOf(type) switch
    {
        TypedField.FloatData => tensor.FloatData.Count,
        TypedField.Int32Data => tensor.Int32Data.Count,
        TypedField.Int64Data => tensor.Int64Data.Count,
        TypedField.DoubleData => tensor.DoubleData.Count,
        TypedField.UInt64Data => tensor.Uint64Data.Count,
        TypedField.StringData => tensor.StringData.Count,
        _ => 0,
    };

    /// <summary>True when any typed field holds entries.</summary>
    public static bool AnyPresent(TensorProto tensor) =>
        tensor.FloatData.Count > 0 || tensor.Int32Data.Count > 0 || tensor.Int64Data.Count > 0
        || tensor.DoubleData.Count > 0 || tensor.Uint64Data.Count > 0 || tensor.StringData.Count > 0;

    /// <summary>Packs the typed field's entries into little-endian bytes (the raw_data layout).</summary>
    public static byte[] ToBytes(TensorProto tensor, DataType type)
    {
        int entryBytes = ElementTypes.BytesPerTypedEntry(type);
        switch (ElementTypes.FieldOf(type))
        {
            case TypedField.FloatData:
                return MemoryMarshal.AsBytes(Copy(tensor.FloatData).AsSpan()).ToArray();
            case TypedField.DoubleData:
                return MemoryMarshal.AsBytes(Copy(tensor.DoubleData).AsSpan()).ToArray();
            case TypedField.Int64Data:
                return MemoryMarshal.AsBytes(Copy(tensor.Int64Data).AsSpan()).ToArray();
            case TypedField.UInt64Data:
                return entryBytes == 8
                    ? MemoryMarshal.AsBytes(Copy(tensor.Uint64Data).AsSpan()).ToArray()
                    : Narrow(tensor.Uint64Data, entryBytes);
            case TypedField.Int32Data:
                return entryBytes == 4
                    ? MemoryMarshal.AsBytes(Copy(tensor.Int32Data).AsSpan()).ToArray()
                    : Narrow(tensor.Int32Data, entryBytes);
            default:
                throw new InvalidOperationException($"{ElementTypes.Name((int)type)} has no numeric typed field.");
        }
    }

    /// <summary>Replaces the typed field's contents with the values in <paramref name="bytes"/>.</summary>
    public static void Write(TensorProto tensor, DataType type, ReadOnlySpan<byte> bytes)
    {
        int entryBytes = ElementTypes.BytesPerTypedEntry(type);
        switch (ElementTypes.FieldOf(type))
        {
            case TypedField.FloatData:
                tensor.FloatData.Clear();
                tensor.FloatData.AddRange(MemoryMarshal.Cast<byte, float>(bytes).ToArray());
                break;
            case TypedField.DoubleData:
                tensor.DoubleData.Clear();
                tensor.DoubleData.AddRange(MemoryMarshal.Cast<byte, double>(bytes).ToArray());
                break;
            case TypedField.Int64Data:
                tensor.Int64Data.Clear();
                tensor.Int64Data.AddRange(MemoryMarshal.Cast<byte, long>(bytes).ToArray());
                break;
            case TypedField.UInt64Data:
                tensor.Uint64Data.Clear();
                tensor.Uint64Data.AddRange(Widen(bytes, entryBytes, static v => v));
                break;
            case TypedField.Int32Data:
                tensor.Int32Data.Clear();
                tensor.Int32Data.AddRange(Widen(bytes, entryBytes, v => WidenToInt32(type, v)));
                break;
            default:
                throw new InvalidOperationException($"{ElementTypes.Name((int)type)} has no numeric typed field.");
        }
    }

    // Signed narrow integers keep their sign in int32_data; everything else is a bit pattern.
    private static int WidenToInt32(DataType type, ulong value) => type switch
    {
        DataType.Int8 => (sbyte)value,
        DataType.Int16 => (short)value,
        _ => (int)value,
    };

    private static T[] Copy<T>(Google.Protobuf.Collections.RepeatedField<T> field)
    {
        var array = new T[field.Count];
        field.CopyTo(array, 0);
        return array;
    }

    private static byte[] Narrow(Google.Protobuf.Collections.RepeatedField<int> field, int entryBytes)
    {
        var bytes = new byte[(long)field.Count * entryBytes];
        for (int i = 0; i < field.Count; i++)
        {
            WriteLow(bytes.AsSpan(i * entryBytes, entryBytes), unchecked((uint)field[i]));
        }

        return bytes;
    }

    private static byte[] Narrow(Google.Protobuf.Collections.RepeatedField<ulong> field, int entryBytes)
    {
        var bytes = new byte[(long)field.Count * entryBytes];
        for (int i = 0; i < field.Count; i++)
        {
            WriteLow(bytes.AsSpan(i * entryBytes, entryBytes), field[i]);
        }

        return bytes;
    }

    // Little-endian: the low bytes of the value, in order.
    private static void WriteLow(Span<byte> destination, ulong value)
    {
        for (int b = 0; b < destination.Length; b++)
        {
            destination[b] = (byte)(value >> (8 * b));
        }
    }

    private static IEnumerable<TOut> Widen<TOut>(byte[] bytes, int entryBytes, Func<ulong, TOut> convert)
    {
        for (int i = 0; i + entryBytes <= bytes.Length; i += entryBytes)
        {
            ulong value = 0;
            for (int b = 0; b < entryBytes; b++)
            {
                value |= (ulong)bytes[i + b] << (8 * b);
            }

            yield return convert(value);
        }
    }

    private static IEnumerable<TOut> Widen<TOut>(ReadOnlySpan<byte> bytes, int entryBytes, Func<ulong, TOut> convert) =>
        Widen(bytes.ToArray(), entryBytes, convert);
}
