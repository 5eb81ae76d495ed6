using Microsoft.ML.OnnxRuntime.Tensors;

namespace SparseCompile.Runtime;

/// <summary>A model input or output with a fixed shape, as <see cref="StaticShapeRunner"/> binds it to a native buffer.</summary>
public sealed class TensorBinding
{
    private readonly long[] shape;

    private TensorBinding(string name, TensorElementType elementType, Type clrType, int elementSize, long[] shape)
    {
        Name = name;
        ElementType = elementType;
        ClrType = clrType;
        ElementSize = elementSize;
        this.shape = shape;
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim <= 0)
            {
                throw new ArgumentException($"{name}: every dimension of a bound tensor must be fixed and positive, got {TensorShapes.Describe(shape, [])}.", nameof(shape));
            }

            count = checked(count * dim);
        }

        Length = checked((int)count);
    }

    /// <summary>The ONNX name.</summary>
    public string Name { get; }

    /// <summary>The fixed dimensions.</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    internal TensorElementType ElementType { get; }

    internal Type ClrType { get; }

    internal int ElementSize { get; }

    internal long[] ShapeArray => shape;

    /// <summary>A tensor named <paramref name="name"/> of <typeparamref name="T"/> elements with the fixed <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public static unsafe TensorBinding Of<T>(string name, params long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        return new TensorBinding(name, TensorElementTypes.Of<T>(), typeof(T), sizeof(T), (long[])shape.Clone());
    }

    /// <summary>The expected shape, for messages.</summary>
    public override string ToString() => $"{Name} {TensorShapes.Describe(shape, [])}";
}
