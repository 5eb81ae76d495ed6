using System.Runtime.InteropServices;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// Converts sample values to the element type a model input declares, as numpy users expect: float64 arrays
/// feed float32 inputs, int32 arrays feed int64 inputs. Integer and bool inputs only take integer or bool
/// values that fit; float inputs take any real number.
/// </summary>
internal static class ElementConversion
{
    private static readonly HashSet<DataType> Floats = [DataType.Float, DataType.Double, DataType.Float16, DataType.Bfloat16];

    private static readonly HashSet<DataType> Integers =
    [
        DataType.Int8, DataType.Uint8, DataType.Int16, DataType.Uint16, DataType.Int32, DataType.Uint32, DataType.Int64, DataType.Uint64, DataType.Bool,
    ];

    /// <summary>True when values of <paramref name="type"/> can be read and written here.</summary>
    public static bool IsSupported(DataType type) => Floats.Contains(type) || Integers.Contains(type);

    /// <summary><paramref name="tensor"/> with <paramref name="target"/> elements; SC1176 when the values cannot become that type.</summary>
    public static SampleTensor Convert(SampleTensor tensor, DataType target, string path)
    {
        if (tensor.ElementType == target)
        {
            return tensor;
        }

        string from = ElementTypes.Name((int)tensor.ElementType);
        string to = ElementTypes.Name((int)target);
        if (!IsSupported(tensor.ElementType) || !IsSupported(target))
        {
            throw SampleErrors.TypeMismatch(path, tensor.Name, $"holds {from}, which cannot be converted to the input's {to}");
        }

        if (Floats.Contains(target))
        {
            return new SampleTensor(tensor.Name, target, tensor.Dims, WriteReals(ReadReals(tensor), target));
        }

        if (Floats.Contains(tensor.ElementType))
        {
            throw SampleErrors.TypeMismatch(path, tensor.Name, $"holds {from}, but the input takes {to}; save the array as an integer type");
        }

        long[] values = ReadIntegers(tensor);
        var (min, max) = Range(target);
        foreach (long v in values)
        {
            if (v < min || v > max)
            {
                throw SampleErrors.TypeMismatch(path, tensor.Name, $"holds the value {v}, which does not fit the input's {to}");
            }
        }

        return new SampleTensor(tensor.Name, target, tensor.Dims, WriteIntegers(values, target));
    }

    private static double[] ReadReals(SampleTensor tensor)
    {
        if (Integers.Contains(tensor.ElementType))
        {
            return tensor.ElementType == DataType.Uint64
                ? Map(tensor.AsSpan<ulong>(), static v => (double)v)
                : Array.ConvertAll(ReadIntegers(tensor), static v => (double)v);
        }

        return tensor.ElementType switch
        {
            DataType.Float => Map(tensor.AsSpan<float>(), static v => (double)v),
            DataType.Double => tensor.AsSpan<double>().ToArray(),
            DataType.Float16 => Map(tensor.AsSpan<Half>(), static v => (double)v),
            _ => Map(tensor.AsSpan<ushort>(), static v => (double)new BFloat16(v).ToSingle()),
        };
    }

    private static long[] ReadIntegers(SampleTensor tensor) => tensor.ElementType switch
    {
        DataType.Int8 => Map(tensor.AsSpan<sbyte>(), static v => (long)v),
        DataType.Uint8 or DataType.Bool => Map(tensor.AsSpan<byte>(), static v => (long)v),
        DataType.Int16 => Map(tensor.AsSpan<short>(), static v => (long)v),
        DataType.Uint16 => Map(tensor.AsSpan<ushort>(), static v => (long)v),
        DataType.Int32 => Map(tensor.AsSpan<int>(), static v => (long)v),
        DataType.Uint32 => Map(tensor.AsSpan<uint>(), static v => (long)v),
        DataType.Uint64 => Map(tensor.AsSpan<ulong>(), static v => v > long.MaxValue ? long.MaxValue : (long)v),
        _ => tensor.AsSpan<long>().ToArray(),
    };

    private static byte[] WriteReals(double[] values, DataType target) => target switch
    {
        DataType.Float => Bytes(Array.ConvertAll(values, static v => (float)v)),
        DataType.Double => Bytes(values),
        DataType.Float16 => Bytes(Array.ConvertAll(values, static v => (Half)v)),
        _ => Bytes(Array.ConvertAll(values, static v => BFloat16.FromSingle((float)v))),
    };

    private static byte[] WriteIntegers(long[] values, DataType target) => target switch
    {
        DataType.Int8 => Bytes(Array.ConvertAll(values, static v => (sbyte)v)),
        DataType.Uint8 or DataType.Bool => Bytes(Array.ConvertAll(values, static v => (byte)v)),
        DataType.Int16 => Bytes(Array.ConvertAll(values, static v => (short)v)),
        DataType.Uint16 => Bytes(Array.ConvertAll(values, static v => (ushort)v)),
        DataType.Int32 => Bytes(Array.ConvertAll(values, static v => (int)v)),
        DataType.Uint32 => Bytes(Array.ConvertAll(values, static v => (uint)v)),
        DataType.Uint64 => Bytes(Array.ConvertAll(values, static v => (ulong)v)),
        _ => Bytes(values),
    };

    private static (long Min, long Max) Range(DataType type) => type switch
    {
        DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DataType.Uint8 => (0, byte.MaxValue),
        DataType.Bool => (0, 1),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        DataType.Uint16 => (0, ushort.MaxValue),
        DataType.Int32 => (int.MinValue, int.MaxValue),
        DataType.Uint32 => (0, uint.MaxValue),
        DataType.Uint64 => (0, long.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static TOut[] Map<TIn, TOut>(ReadOnlySpan<TIn> source, Func<TIn, TOut> convert)
    {
        var result = new TOut[source.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = convert(source[i]);
        }

        return result;
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
