using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SparseCompile.Onnx.Diagnostics;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tensors;

/// <summary>
/// The decoded values of one tensor as packed little-endian bytes, whatever encoding the
/// file used. raw_data and external data are viewed without copying (external data stays
/// memory-mapped and is valid while its <see cref="IO.OnnxModel"/> is not disposed);
/// typed fields are packed once into a new buffer.
/// </summary>
public sealed class TensorData
{
    private readonly string? filePath;

    internal TensorData(string name, DataType elementType, long[] dims, long elementCount,
        TensorStorage storage, ReadOnlyMemory<byte> bytes, IReadOnlyList<byte[]>? strings, string? filePath)
    {
        Name = name;
        ElementType = elementType;
        Dims = dims;
        ElementCount = elementCount;
        Storage = storage;
        Bytes = bytes;
        Strings = strings ?? [];
        this.filePath = filePath;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public DataType ElementType { get; }

    /// <summary>The dims, outermost first.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The number of elements (the product of the dims).</summary>
    public long ElementCount { get; }

    /// <summary>Where the values were stored in the model.</summary>
    public TensorStorage Storage { get; }

    /// <summary>The values as packed little-endian bytes (empty for STRING tensors).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The values of a STRING tensor; empty for every other type.</summary>
    public IReadOnlyList<byte[]> Strings { get; }

    /// <summary>
    /// Views the values as <typeparamref name="T"/> without copying. <typeparamref name="T"/> must
    /// match the element type: float for FLOAT, <see cref="Half"/> or ushort for FLOAT16,
    /// <see cref="BFloat16"/> or ushort for BFLOAT16, byte or bool for BOOL, and so on.
    /// </summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
    {
        if (Array.IndexOf(ElementTypes.ViewableAs(typeof(T)), ElementType) < 0)
        {
            throw new SparseCompileException(DiagnosticCodes.TensorTypeMismatch, filePath,
                $"tensor '{Name}' holds {ElementTypes.Name((int)ElementType)} and cannot be viewed as {typeof(T).Name}", Name);
        }

        return MemoryMarshal.Cast<byte, T>(Bytes.Span);
    }

    /// <summary>
    /// Copies the values into a new float array, converting from any real numeric type
    /// (FLOAT, DOUBLE, FLOAT16, BFLOAT16, signed and unsigned integers, BOOL).
    /// </summary>
    public float[] ToSingleArray()
    {
        var result = new float[ElementCount];
        var bytes = Bytes.Span;
        switch (ElementType)
        {
            case DataType.Float:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
                break;
            case DataType.Double:
                Convert(MemoryMarshal.Cast<byte, double>(bytes), result, static v => (float)v);
                break;
            case DataType.Float16:
                Convert(MemoryMarshal.Cast<byte, Half>(bytes), result, static v => (float)v);
                break;
            case DataType.Bfloat16:
                Convert(MemoryMarshal.Cast<byte, BFloat16>(bytes), result, static v => v.ToSingle());
                break;
            case DataType.Int8:
                Convert(MemoryMarshal.Cast<byte, sbyte>(bytes), result, static v => v);
                break;
            case DataType.Uint8:
            case DataType.Bool:
                Convert(bytes, result, static v => v);
                break;
            case DataType.Int16:
                Convert(MemoryMarshal.Cast<byte, short>(bytes), result, static v => v);
                break;
            case DataType.Uint16:
                Convert(MemoryMarshal.Cast<byte, ushort>(bytes), result, static v => v);
                break;
            case DataType.Int32:
                Convert(MemoryMarshal.Cast<byte, int>(bytes), result, static v => v);
                break;
            case DataType.Uint32:
                Convert(MemoryMarshal.Cast<byte, uint>(bytes), result, static v => v);
                break;
            case DataType.Int64:
                Convert(MemoryMarshal.Cast<byte, long>(bytes), result, static v => v);
                break;
            case DataType.Uint64:
                Convert(MemoryMarshal.Cast<byte, ulong>(bytes), result, static v => v);
                break;
            default:
                throw new SparseCompileException(DiagnosticCodes.UnsupportedElementType, filePath,
                    $"tensor '{Name}' holds {ElementTypes.Name((int)ElementType)}, which has no conversion to float", Name);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Convert<T>(ReadOnlySpan<T> source, float[] destination, Func<T, float> convert)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = convert(source[i]);
        }
    }
}
