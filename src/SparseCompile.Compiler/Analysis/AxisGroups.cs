namespace SparseCompile.Compiler.Analysis;

/// <summary>
/// The groups of <see cref="GroupSize"/> consecutive elements along one axis of a row-major tensor.
/// The tensor is viewed as [<see cref="Outer"/>, <see cref="Length"/>, <see cref="Inner"/>]: the dims
/// before the axis, the axis, and the dims after it. Element (o, r, i) sits at
/// <c>(o * Length + r) * Inner + i</c>, so consecutive elements along the axis are <see cref="Stride"/> apart.
/// Group g of the line (o, i) holds r = g*M .. g*M + M - 1.
/// </summary>
/// <remarks>
/// Groups are numbered with o slowest, then g, then i fastest: group index
/// <c>(o * GroupsPerLine + g) * Inner + i</c>. For a Conv weight [O, C, kh, kw] with axis 1 every group
/// is M input channels of one (o, kh, kw); for a MatMul weight [K, N] with axis 0, M rows of one column.
/// </remarks>
public sealed class AxisGroups
{
    private AxisGroups(IReadOnlyList<long> dims, int axis, int groupSize, long outer, long length, long inner)
    {
        Dims = dims;
        Axis = axis;
        GroupSize = groupSize;
        Outer = outer;
        Length = length;
        Inner = inner;
    }

    /// <summary>The tensor's dims.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The axis the groups run along, in [0, rank).</summary>
    public int Axis { get; }

    /// <summary>Elements per group (M).</summary>
    public int GroupSize { get; }

    /// <summary>The product of the dims before the axis.</summary>
    public long Outer { get; }

    /// <summary>The size of the axis (the reduction length).</summary>
    public long Length { get; }

    /// <summary>The product of the dims after the axis.</summary>
    public long Inner { get; }

    /// <summary>The distance, in elements, between consecutive elements along the axis (equals <see cref="Inner"/>).</summary>
    public long Stride => Inner;

    /// <summary>The number of elements.</summary>
    public long ElementCount => Outer * Length * Inner;

    /// <summary>True when the axis length is a multiple of the group size, so the axis splits into whole groups.</summary>
    public bool IsDivisible => Length % GroupSize == 0;

    /// <summary>Whole groups along one line of the axis: Length / M (a partial group at the end is not counted).</summary>
    public long GroupsPerLine => Length / GroupSize;

    /// <summary>The number of whole groups in the tensor.</summary>
    public long GroupCount => Outer * GroupsPerLine * Inner;

    /// <summary>Describes the groups of <paramref name="groupSize"/> along <paramref name="axis"/> (negative counts from the end).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the rank, a dim is negative, or the group size is below 1.</exception>
    public static AxisGroups Create(IReadOnlyList<long> dims, int axis, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(dims);
        int rank = dims.Count;
        if (axis < -rank || axis >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis must be in [-{rank}, {rank}) for a tensor of rank {rank}");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        if (axis < 0)
        {
            axis += rank;
        }

        long outer = 1;
        long inner = 1;
        for (int d = 0; d < rank; d++)
        {
            if (dims[d] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dims), $"dim {d} is negative ({dims[d]})");
            }

            if (d < axis)
            {
                outer = checked(outer * dims[d]);
            }
            else if (d > axis)
            {
                inner = checked(inner * dims[d]);
            }
        }

        _ = checked(outer * dims[axis] * inner);
        return new AxisGroups(dims.ToArray(), axis, groupSize, outer, dims[axis], inner);
    }

    /// <summary>The flat index of the first element of group <paramref name="groupIndex"/>; its elements follow every <see cref="Stride"/>.</summary>
    public long GroupStart(long groupIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(groupIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(groupIndex, GroupCount);
        long i = groupIndex % Inner;
        long rest = groupIndex / Inner;
        long g = rest % GroupsPerLine;
        long o = rest / GroupsPerLine;
        return (((o * Length) + (g * GroupSize)) * Inner) + i;
    }

    /// <summary>The flat indices of the elements of group <paramref name="groupIndex"/>, in order along the axis.</summary>
    public long[] GroupIndices(long groupIndex)
    {
        long start = GroupStart(groupIndex);
        var indices = new long[GroupSize];
        for (int j = 0; j < GroupSize; j++)
        {
            indices[j] = start + (j * Stride);
        }

        return indices;
    }
}
