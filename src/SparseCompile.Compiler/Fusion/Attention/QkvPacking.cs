namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>
/// Packs the Q, K and V projection weights [K, N] side by side into the [K, 3N] weight of ONNX Runtime's Attention
/// (row r is Wq[r, :], Wk[r, :], Wv[r, :]) and their biases into one [3N] vector. The reduction axis K is untouched,
/// so every group of consecutive weights along K in the packed weight is the same group in one of the three: an
/// N:M pattern along K survives exactly.
/// </summary>
internal static class QkvPacking
{
    /// <summary>The packed [rows, 3·columns] weight.</summary>
    public static float[] Weights(float[] query, float[] key, float[] value, int rows, int columns)
    {
        long size = (long)rows * columns;
        if (query.Length != size || key.Length != size || value.Length != size)
        {
            throw new ArgumentException($"the Q, K and V weights must each hold {rows} x {columns} values");
        }

        var packed = new float[size * 3];
        for (int r = 0; r < rows; r++)
        {
            var target = packed.AsSpan(r * 3 * columns, 3 * columns);
            query.AsSpan(r * columns, columns).CopyTo(target);
            key.AsSpan(r * columns, columns).CopyTo(target[columns..]);
            value.AsSpan(r * columns, columns).CopyTo(target[(2 * columns)..]);
        }

        return packed;
    }

    /// <summary>The packed [3·columns] bias; a missing bias counts as zeros.</summary>
    public static float[] Biases(float[]? query, float[]? key, float[]? value, int columns)
    {
        var packed = new float[3 * columns];
        query?.CopyTo(packed, 0);
        key?.CopyTo(packed, columns);
        value?.CopyTo(packed, 2 * columns);
        return packed;
    }
}
