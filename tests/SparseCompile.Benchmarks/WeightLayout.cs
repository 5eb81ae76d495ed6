namespace SparseCompile.Benchmarks;

/// <summary>The 100 M-weight tensors the benchmarks restructure, one per common layout of the reduction axis.</summary>
public enum WeightLayout
{
    /// <summary>MatMul B [K = 10000, N = 10000], groups along axis 0: 4 rows walked side by side across N.</summary>
    MatMulAxis0,

    /// <summary>Conv W [O = 10000, C = 1112, 3, 3], groups along axis 1 (input channels) with an inner stride of 9.</summary>
    ConvAxis1,

    /// <summary>Gemm B with transB = 1 [N = 10000, K = 10000], groups along axis 1: contiguous runs of 4.</summary>
    GemmTransBAxis1,
}

/// <summary>Shapes and axes of the <see cref="WeightLayout"/> values.</summary>
public static class WeightLayouts
{
    /// <summary>The dims of a layout.</summary>
    public static long[] Dims(WeightLayout layout) => layout switch
    {
        WeightLayout.MatMulAxis0 => [10_000, 10_000],
        WeightLayout.ConvAxis1 => [10_000, 1_112, 3, 3],
        WeightLayout.GemmTransBAxis1 => [10_000, 10_000],
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    /// <summary>The reduction axis of a layout.</summary>
    public static int Axis(WeightLayout layout) => layout == WeightLayout.MatMulAxis0 ? 0 : 1;

    /// <summary>The number of weights of a layout.</summary>
    public static long ElementCount(WeightLayout layout) => Dims(layout).Aggregate(1L, (a, d) => a * d);
}
