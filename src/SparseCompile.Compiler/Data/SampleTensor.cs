using System.Runtime.InteropServices;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Data;

/// <summary>One input tensor of a sample: its values as packed little-endian bytes, in C order.</summary>
public sealed class SampleTensor
{
    /// <summary>Wraps <paramref name="bytes"/>; their length must match the dims and element type.</summary>
    /// <exception cref="ArgumentException">The byte count does not match, or the type is STRING.</exception>
    public SampleTensor(string name, DataType elementType, IReadOnlyList<long> dims, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dims);
        long count = 1;
        foreach (long d in dims)
        {
            count = d < 0 ? throw new ArgumentException($"Tensor '{name}' has a negative dim.", nameof(dims)) : checked(count * d);
        }

        if (elementType == DataType.String || ElementTypes.ByteCount(elementType, count) != bytes.Length)
        {
            throw new ArgumentException(
                $"{ElementTypes.Name((int)elementType)} tensor '{name}' of {count} elements cannot be held in {bytes.Length} bytes.", nameof(bytes));
        }

        Name = name;
        ElementType = elementType;
        Dims = dims.ToArray();
        ElementCount = count;
        Bytes = bytes;
    }

    /// <summary>The runtime input this tensor feeds.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public DataType ElementType { get; }

    /// <summary>The dims, outermost first.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The product of the dims.</summary>
    public long ElementCount { get; }

    /// <summary>The values, packed little-endian, C order.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>A tensor of <typeparamref name="T"/> values (the element type follows from the CLR type).</summary>
    public static SampleTensor Create<T>(string name, IReadOnlyList<long> dims, T[] values) where T : unmanaged =>
        new(name, TensorFactory.ElementTypeOf<T>(), dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Views the values as <typeparamref name="T"/>, which must have the element's size.</summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Bytes.Span);

    /// <summary>The same values under another name.</summary>
    public SampleTensor Rename(string name) => new(name, ElementType, Dims, Bytes);
}
