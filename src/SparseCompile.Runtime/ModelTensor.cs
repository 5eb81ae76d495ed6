namespace SparseCompile.Runtime;

/// <summary>One output of a run, copied into managed memory: its elements in row-major order and its shape.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ModelTensor<T> where T : unmanaged
{
    private readonly T[] data;
    private readonly long[] shape;

    /// <summary>Wraps <paramref name="data"/> (not copied) with its <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public ModelTensor(T[] data, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (long dim in shape)
        {
            count *= dim;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"The shape [{string.Join(", ", shape)}] holds {count} elements, but there are {data.Length}.", nameof(shape));
        }

        this.data = data;
        this.shape = shape;
    }

    /// <summary>The elements, row-major.</summary>
    public ReadOnlySpan<T> Span => data;

    /// <summary>The elements, row-major, as memory that can be kept.</summary>
    public ReadOnlyMemory<T> Memory => data;

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>The number of elements.</summary>
    public int Length => data.Length;

    /// <summary>The element at flat (row-major) position <paramref name="index"/>.</summary>
    public T this[int index] => data[index];

    /// <summary>A copy of the elements.</summary>
    public T[] ToArray() => (T[])data.Clone();
}
