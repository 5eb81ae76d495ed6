namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>Multiplies a tensor's values by a factor per index along one axis, in double, rounding once to float.</summary>
internal static class ChannelScaling
{
    /// <summary>The values of a C-order tensor of <paramref name="dims"/> times <paramref name="scale"/>[index along <paramref name="axis"/>].</summary>
    public static float[] Scale(ReadOnlySpan<float> values, IReadOnlyList<long> dims, int axis, double[] scale)
    {
        long inner = 1;
        for (int d = axis + 1; d < dims.Count; d++)
        {
            inner *= dims[d];
        }

        long length = dims[axis];
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // A zero stays zero (a pruned weight remains pruned); so does every other value's sign pattern per channel.
            result[i] = (float)(values[i] * scale[i / inner % length]);
        }

        return result;
    }
}
