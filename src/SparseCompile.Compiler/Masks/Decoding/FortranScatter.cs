namespace SparseCompile.Compiler.Masks.Decoding;

/// <summary>
/// Places flags that arrive in Fortran order (first axis fastest) at their C-order positions,
/// chunk by chunk, so a Fortran-ordered array is converted without a second full-size buffer.
/// </summary>
internal sealed class FortranScatter
{
    private readonly long[] shape;
    private readonly long[] cStrides;
    private readonly long[] index;
    private long offset;

    public FortranScatter(long[] shape)
    {
        this.shape = shape;
        cStrides = new long[shape.Length];
        index = new long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            cStrides[d] = stride;
            stride *= shape[d];
        }
    }

    /// <summary>Writes the next <paramref name="chunk"/> of Fortran-ordered flags into <paramref name="destination"/>.</summary>
    public void Scatter(ReadOnlySpan<bool> chunk, bool[] destination)
    {
        int last = shape.Length - 1;
        foreach (bool flag in chunk)
        {
            destination[offset] = flag;

            // Advance the multi-index with axis 0 fastest, carrying into later axes.
            index[0]++;
            offset += cStrides[0];
            for (int d = 0; d < last && index[d] == shape[d]; d++)
            {
                offset -= shape[d] * cStrides[d];
                index[d] = 0;
                index[d + 1]++;
                offset += cStrides[d + 1];
            }
        }
    }
}
