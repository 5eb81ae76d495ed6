namespace SparseCompile.Compiler.Masks;

/// <summary>
/// The keep/drop flags of one weight, keyed by the tensor's name: one bool per element in C order
/// (last axis fastest). True keeps the weight, false prunes it.
/// </summary>
public sealed class MaskTensor
{
    private readonly long[] shape;

    /// <summary>Wraps <paramref name="keep"/> without copying it; masks can hold hundreds of millions of elements.</summary>
    /// <param name="key">The tensor name the mask applies to; not empty.</param>
    /// <param name="shape">The dims, outermost first; an empty array for a 0-d mask of one element.</param>
    /// <param name="keep">One flag per element in C order; its length must equal the product of <paramref name="shape"/>.</param>
    /// <exception cref="ArgumentException">The key is empty, a dim is negative, or the lengths disagree.</exception>
    public MaskTensor(string key, long[] shape, bool[] keep)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(keep);
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"mask '{key}' has a negative dim {dim}", nameof(shape));
            }

            count = dim == 0 || count == 0 ? 0 : checked(count * dim);
        }

        if (count != keep.Length)
        {
            throw new ArgumentException($"mask '{key}' has {keep.Length} flags but its shape holds {count} elements", nameof(keep));
        }

        Key = key;
        this.shape = (long[])shape.Clone();
        Keep = keep;
    }

    /// <summary>The tensor name the mask applies to.</summary>
    public string Key { get; }

    /// <summary>The dims, outermost first; empty for a 0-d mask.</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>The rank (number of dims).</summary>
    public int Rank => shape.Length;

    /// <summary>One flag per element in C order. The array is shared, not copied: edits show through.</summary>
    public bool[] Keep { get; }

    /// <summary>The number of elements.</summary>
    public int ElementCount => Keep.Length;

    /// <summary>Counts the kept elements.</summary>
    public long CountKept()
    {
        long kept = 0;
        foreach (bool flag in Keep)
        {
            if (flag)
            {
                kept++;
            }
        }

        return kept;
    }

    /// <summary>The shape as an array (a copy), for APIs that take one.</summary>
    public long[] ShapeArray() => (long[])shape.Clone();
}
