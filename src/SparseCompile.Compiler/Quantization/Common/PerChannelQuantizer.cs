using System.Globalization;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>
/// Symmetric per-channel INT8 quantization (see <see cref="SymmetricInt8"/>): each channel along the chosen axis gets
/// the scale <c>max|w| / 127</c> of its own values, so the largest weight of every channel uses the full range.
/// </summary>
public static class PerChannelQuantizer
{
    /// <summary>Quantizes row-major <paramref name="values"/> of shape <paramref name="dims"/> with one scale per index of <paramref name="axis"/>.</summary>
    /// <param name="values">The float values.</param>
    /// <param name="dims">Their shape.</param>
    /// <param name="axis">The channel axis (negative counts from the end).</param>
    /// <param name="name">The tensor's name, for errors.</param>
    /// <param name="filePath">The model file, for errors.</param>
    /// <exception cref="SparseCompileException">SC1161 when a value is NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The number of values does not match the dims.</exception>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> values, IReadOnlyList<long> dims, int axis, string name, string? filePath = null) =>
        Quantize(values, dims, axis, name, filePath, SymmetricInt8.QMax);

    /// <summary>
    /// Quantizes with one scale <c>max|w| / qmax</c> per index of <paramref name="axis"/>, values clamped to
    /// [-<paramref name="qmax"/>, <paramref name="qmax"/>] and stored as int8: 127 is full INT8, 7 the 15 levels of 4-bit.
    /// </summary>
    /// <param name="values">The float values.</param>
    /// <param name="dims">Their shape.</param>
    /// <param name="axis">The channel axis (negative counts from the end).</param>
    /// <param name="name">The tensor's name, for errors.</param>
    /// <param name="filePath">The model file, for errors.</param>
    /// <param name="qmax">The largest quantized magnitude, in [1, 127].</param>
    /// <exception cref="SparseCompileException">SC1161 when a value is NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The number of values does not match the dims.</exception>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> values, IReadOnlyList<long> dims, int axis, string name, string? filePath, int qmax)
    {
        var view = AxisGroups.Create(dims, axis, 1);
        if (view.ElementCount != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill a tensor of shape [{string.Join(", ", dims)}]", nameof(values));
        }

        EnsureFinite(values, name, filePath);
        int channels = checked((int)view.Length);
        long inner = view.Inner;
        var maxAbs = new float[channels];
        for (long o = 0; o < view.Outer; o++)
        {
            for (int c = 0; c < channels; c++)
            {
                var run = values.Slice((int)(((o * channels) + c) * inner), (int)inner);
                float max = maxAbs[c];
                foreach (float v in run)
                {
                    max = Math.Max(max, Math.Abs(v));
                }

                maxAbs[c] = max;
            }
        }

        var scales = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            scales[c] = SymmetricInt8.Scale(maxAbs[c], qmax);
            if (!(scales[c] > 0) || float.IsInfinity(scales[c]))
            {
                throw new SparseCompileException(QuantizationDiagnosticCodes.InvalidScale, filePath,
                    $"internal error: channel {c} of '{name}' got the scale {scales[c]}", name);
            }
        }

        var quantized = new sbyte[values.Length];
        for (long o = 0; o < view.Outer; o++)
        {
            for (int c = 0; c < channels; c++)
            {
                int start = (int)(((o * channels) + c) * inner);
                float scale = scales[c];
                for (int i = start; i < start + inner; i++)
                {
                    quantized[i] = SymmetricInt8.Quantize(values[i], scale, qmax);
                }
            }
        }

        return new QuantizedTensor(name, dims.ToArray(), view.Axis, quantized, scales);
    }

    private static void EnsureFinite(ReadOnlySpan<float> values, string name, string? filePath)
    {
        long bad = 0;
        long first = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                first = first < 0 ? i : first;
                bad++;
            }
        }

        if (bad > 0)
        {
            string firstValue = values[(int)first].ToString(CultureInfo.InvariantCulture);
            throw new SparseCompileException(QuantizationDiagnosticCodes.NonFiniteWeight, filePath,
                $"weight '{name}' holds {bad} NaN or infinite values (the first is element {first}, {firstValue}); INT8 cannot represent them, so fix the weights or exclude the weight from quantization",
                name);
        }
    }
}
