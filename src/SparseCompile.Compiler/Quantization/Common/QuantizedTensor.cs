namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>A tensor quantized to symmetric INT8 with one scale per channel along <see cref="Axis"/> (zero point 0).</summary>
/// <param name="Name">The float tensor it came from.</param>
/// <param name="Dims">The shape, outermost first (the same as the float tensor's).</param>
/// <param name="Axis">The channel axis the scales run along, in [0, rank).</param>
/// <param name="Values">The INT8 values in row-major order, each in [-127, 127] (in [-7, 7] for a 4-bit embedding table).</param>
/// <param name="Scales">One positive finite scale per channel: <c>Dims[Axis]</c> of them.</param>
public sealed record QuantizedTensor(string Name, IReadOnlyList<long> Dims, int Axis, sbyte[] Values, float[] Scales)
{
    /// <summary>The smallest scale (0 when there are no channels).</summary>
    public float MinScale => Scales.Length == 0 ? 0 : Scales.Min();

    /// <summary>The largest scale (0 when there are no channels).</summary>
    public float MaxScale => Scales.Length == 0 ? 0 : Scales.Max();

    /// <summary>The float value element <paramref name="index"/> stands for.</summary>
    public float Dequantize(long index) => SymmetricInt8.Dequantize(Values[index], Scales[ChannelOf(index)]);

    /// <summary>The channel (index along <see cref="Axis"/>) of flat element <paramref name="index"/>.</summary>
    public int ChannelOf(long index)
    {
        long inner = 1;
        for (int d = Axis + 1; d < Dims.Count; d++)
        {
            inner *= Dims[d];
        }

        return (int)((index / inner) % Dims[Axis]);
    }
}
