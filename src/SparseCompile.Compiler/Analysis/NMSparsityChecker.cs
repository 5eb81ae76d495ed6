using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Analysis;

/// <summary>
/// Checks whether a weight already satisfies an N:M pattern along its reduction axis: at most N
/// nonzeros in every group of M consecutive weights along that axis (see <see cref="AxisGroups"/>).
/// </summary>
public static class NMSparsityChecker
{
    /// <summary>Checks decoded tensor values (any real numeric element type) along <paramref name="axis"/>.</summary>
    public static NMCheckResult Check(TensorData tensor, int axis, NMPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return Check(tensor.ToSingleArray(), tensor.Dims, axis, pattern);
    }

    /// <summary>
    /// Checks row-major <paramref name="values"/> of shape <paramref name="dims"/> along
    /// <paramref name="axis"/> (negative counts from the end).
    /// </summary>
    /// <exception cref="ArgumentException">The number of values does not match the dims.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the rank.</exception>
    public static NMCheckResult Check(ReadOnlySpan<float> values, IReadOnlyList<long> dims, int axis, NMPattern pattern)
    {
        if (pattern.M == 0)
        {
            throw new ArgumentException("the pattern is uninitialized (M = 0)", nameof(pattern));
        }

        var groups = AxisGroups.Create(dims, axis, pattern.M);
        if (groups.ElementCount != values.Length)
        {
            throw new ArgumentException(
                $"{values.Length} values do not fill a tensor of shape [{string.Join(", ", dims)}] ({groups.ElementCount} elements)", nameof(values));
        }

        long zeros = CountZeros(values);
        if (!groups.IsDivisible)
        {
            string reason = $"reduction axis {groups.Axis} has length {groups.Length}, not a multiple of {pattern.M}";
            return new NMCheckResult(pattern, groups.Axis, groups.Length, values.Length, zeros, false, reason, 0, 0);
        }

        long violating = CountViolatingGroups(values, groups, pattern.N);
        return new NMCheckResult(pattern, groups.Axis, groups.Length, values.Length, zeros, true, null, groups.GroupCount, violating);
    }

    private static long CountZeros(ReadOnlySpan<float> values)
    {
        long zeros = 0;
        foreach (float v in values)
        {
            if (v == 0f)
            {
                zeros++;
            }
        }

        return zeros;
    }

    /// <summary>
    /// Walks group rows in memory order: for each (o, g) the M rows of the group are contiguous runs
    /// of Inner elements, so nonzeros are counted per i over the M rows and compared with N.
    /// </summary>
    private static long CountViolatingGroups(ReadOnlySpan<float> values, AxisGroups groups, int n)
    {
        int inner = checked((int)groups.Inner);
        int m = groups.GroupSize;
        var nonzeros = new int[inner];
        long violating = 0;
        for (long o = 0; o < groups.Outer; o++)
        {
            for (long g = 0; g < groups.GroupsPerLine; g++)
            {
                Array.Clear(nonzeros);
                long first = ((o * groups.Length) + (g * m)) * inner;
                for (int j = 0; j < m; j++)
                {
                    var row = values.Slice((int)(first + ((long)j * inner)), inner);
                    for (int i = 0; i < row.Length; i++)
                    {
                        if (row[i] != 0f)
                        {
                            nonzeros[i]++;
                        }
                    }
                }

                foreach (int count in nonzeros)
                {
                    if (count > n)
                    {
                        violating++;
                    }
                }
            }
        }

        return violating;
    }
}
