namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>
/// Symmetric INT8: zero point 0, <c>q = round_half_even(w / scale)</c> clamped to [-127, 127], <c>w ≈ q * scale</c>.
/// </summary>
/// <remarks>
/// The range is [-127, 127], not [-128, 127]: with a symmetric scale <c>max|w| / 127</c> the value -128 is never
/// produced, so q(-w) = -q(w) exactly and the representable range is symmetric around the zero point. It is what
/// ONNX Runtime's symmetric weight quantization and TensorRT's weight quantization use, and it keeps a u8×s8
/// pair product sum further from the int16 saturation of AVX2 kernels without VNNI.
/// </remarks>
public static class SymmetricInt8
{
    /// <summary>The largest quantized magnitude.</summary>
    public const int QMax = 127;

    /// <summary>The smallest quantized value (-127; -128 is never used).</summary>
    public const int QMin = -QMax;

    /// <summary>
    /// The scale for values whose largest magnitude is <paramref name="maxAbs"/>: <c>maxAbs / 127</c> rounded to float;
    /// 1 for an all-zero channel (its values quantize to 0 whatever the scale); at least the smallest positive float
    /// when <c>maxAbs / 127</c> underflows, and large enough that no value is clamped by more than half a step.
    /// Never 0, negative, NaN or infinite for a finite <paramref name="maxAbs"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAbs"/> is negative, NaN or infinite.</exception>
    public static float Scale(float maxAbs) => Scale(maxAbs, QMax);

    /// <summary>
    /// The scale for values whose largest magnitude is <paramref name="maxAbs"/> quantized to [-<paramref name="qmax"/>,
    /// <paramref name="qmax"/>]: <c>maxAbs / qmax</c>, with the same guarantees as <see cref="Scale(float)"/>
    /// (7 gives the 15 levels of a 4-bit embedding table, still stored as int8).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAbs"/> is negative, NaN or infinite, or <paramref name="qmax"/> is outside [1, 127].</exception>
    public static float Scale(float maxAbs, int qmax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qmax, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qmax, QMax);
        if (!(maxAbs >= 0) || float.IsInfinity(maxAbs))
        {
            throw new ArgumentOutOfRangeException(nameof(maxAbs), maxAbs, "the largest magnitude must be finite and non-negative");
        }

        if (maxAbs == 0)
        {
            return 1f;
        }

        float scale = Math.Max((float)((double)maxAbs / qmax), float.Epsilon);

        // Subnormal scales are coarse: rounding down could put maxAbs / scale past qmax + 0.5 and clamp it by more than
        // half a step. Step up until the largest value rounds to at most qmax (never needed for normal floats).
        while (maxAbs / (double)scale > qmax + 0.5)
        {
            scale = MathF.BitIncrement(scale);
        }

        return scale;
    }

    /// <summary>Quantizes one finite value: <c>round_half_even(value / scale)</c> clamped to [-127, 127]. Zero maps to 0.</summary>
    public static sbyte Quantize(float value, float scale) => Quantize(value, scale, QMax);

    /// <summary>Quantizes one finite value: <c>round_half_even(value / scale)</c> clamped to [-<paramref name="qmax"/>, <paramref name="qmax"/>]. Zero maps to 0.</summary>
    public static sbyte Quantize(float value, float scale, int qmax)
    {
        double q = Math.Round(value / (double)scale, MidpointRounding.ToEven);
        return (sbyte)Math.Clamp(q, -qmax, qmax);
    }

    /// <summary>The float a quantized value stands for.</summary>
    public static float Dequantize(sbyte value, float scale) => value * scale;
}
