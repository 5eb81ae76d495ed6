using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Quantizes the weight and bias of a weighted node for static quantization. The weight becomes symmetric INT8 in its
/// own layout with one scale per output channel: Conv W [O, C, k...] along axis 0, MatMul B [K, N] along axis 1, Gemm
/// B along the axis of N (0 with transB = 1, else 1; alpha is folded in). The bias becomes INT32 with zero point 0 and
/// scale x_scale · w_scale per channel (Gemm's C is pre-scaled by beta and spread to [N]), which is what QLinearConv
/// and QGemm assume. A bias too large for INT32 at that scale widens its channel's weight scale until it fits. Float
/// zeros must stay INT8 zeros, and a weight that was N:M along its reduction axis must still be N:M in INT8.
/// </summary>
internal static class StaticWeightQuantizer
{
    /// <summary>Quantizes the weight (and bias) of <paramref name="candidate"/>, whose activation input has scale <paramref name="inputScale"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="candidate">A weighted candidate.</param>
    /// <param name="inputScale">The scale of the node's quantized activation input.</param>
    /// <param name="pattern">The compile's N:M pattern, or null; checked when the float weight satisfies it.</param>
    /// <param name="tamper">Test hook: alters the INT8 weight before the sparsity checks run.</param>
    public static StaticWeight Quantize(OnnxModel model, StaticCandidate candidate, float inputScale, NMPattern? pattern,
        Func<QuantizedTensor, QuantizedTensor>? tamper = null)
    {
        var node = candidate.Node;
        var weight = candidate.Weight ?? throw new ArgumentException("the candidate has no weight", nameof(candidate));
        string? filePath = model.FilePath;
        float[] values = model.ReadTensor(weight).ToSingleArray();
        long[] dims = [.. weight.Dims];
        int axis = ScaleAxis(node.OpType, NodeFactory.ReadInt(node, "transB", 0) != 0);
        if (node.OpType == "Gemm" && NodeFactory.ReadFloat(node, "alpha", 1f) is var alpha && alpha != 1f)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= alpha;
            }
        }

        var quantized = PerChannelQuantizer.Quantize(values, dims, axis, weight.Name, filePath);
        float[]? bias = candidate.Bias is null ? null : Bias(model, candidate, quantized.Scales.Length);
        if (bias is not null)
        {
            FitBias(values, quantized, bias, inputScale);
        }

        if (tamper is not null)
        {
            quantized = tamper(quantized);
        }

        // The group count first: it names the broken pattern; the zero check then catches any other revived zero.
        if (pattern is { } nm && WeightSlots.ReductionAxis(node, 1, dims.Length) is int reduction
            && NMSparsityChecker.Check(values, dims, reduction, nm).IsCompliant)
        {
            SparsityGuard.EnsureNMKept(quantized.Values, dims, reduction, nm, weight.Name, filePath);
        }

        SparsityGuard.EnsureZerosKept(values, quantized.Values, weight.Name, filePath);
        return bias is null
            ? new StaticWeight(quantized, null, null)
            : QuantizeBias(bias, quantized.Scales, inputScale, candidate.Bias!.Name, filePath);

        StaticWeight QuantizeBias(float[] floats, float[] weightScales, float xScale, string name, string? path)
        {
            var scales = new float[floats.Length];
            var ints = new int[floats.Length];
            for (int c = 0; c < floats.Length; c++)
            {
                scales[c] = xScale * weightScales[c];
                double q = Math.Round(floats[c] / (double)scales[c], MidpointRounding.ToEven);
                ints[c] = (int)Math.Clamp(q, int.MinValue, int.MaxValue);
                if (!(Math.Abs((ints[c] * (double)scales[c]) - floats[c]) <= (scales[c] * 0.5000001) + 1e-30))
                {
                    throw new SparseCompileException(StaticQuantizationDiagnosticCodes.BiasMismatch, path,
                        $"internal error: channel {c} of bias '{name}' is {floats[c]} in float but {ints[c]} × {scales[c]} in INT32", name);
                }
            }

            return new StaticWeight(quantized, ints, scales);
        }
    }

    /// <summary>The axis of the per-channel weight scales: Conv 0, MatMul 1, Gemm 0 with transB = 1 else 1.</summary>
    public static int ScaleAxis(string opType, bool transB) => opType switch
    {
        "Conv" => 0,
        "Gemm" when transB => 0,
        _ => 1,
    };

    /// <summary>The float bias, one value per output channel: Conv B as is, Gemm C times beta spread to [N].</summary>
    private static float[] Bias(OnnxModel model, StaticCandidate candidate, int channels)
    {
        var values = model.ReadTensor(candidate.Bias!).ToSingleArray();
        if (candidate.Node.OpType != "Gemm")
        {
            return values;
        }

        float beta = NodeFactory.ReadFloat(candidate.Node, "beta", 1f);
        var spread = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            spread[c] = values[values.Length == 1 ? 0 : c] * beta;
        }

        return spread;
    }

    /// <summary>Widens the weight scale of every channel whose bias would not fit INT32 at x_scale · w_scale, and requantizes it.</summary>
    private static void FitBias(float[] values, QuantizedTensor quantized, float[] bias, float inputScale)
    {
        const double Limit = int.MaxValue / 2.0; // headroom: the fused kernel adds the bias to the INT32 accumulator
        long inner = 1;
        for (int d = quantized.Axis + 1; d < quantized.Dims.Count; d++)
        {
            inner *= quantized.Dims[d];
        }

        long channels = quantized.Dims[quantized.Axis];
        for (int c = 0; c < bias.Length; c++)
        {
            double needed = Math.Abs(bias[c]) / (inputScale * Limit);
            if (!(needed > quantized.Scales[c]))
            {
                continue;
            }

            float scale = (float)needed;
            while (Math.Abs(bias[c]) / ((double)inputScale * scale) > Limit)
            {
                scale = MathF.BitIncrement(scale);
            }

            quantized.Scales[c] = scale;
            for (long i = 0; i < values.Length; i++)
            {
                if ((i / inner) % channels == c)
                {
                    quantized.Values[i] = SymmetricInt8.Quantize(values[i], scale);
                }
            }
        }
    }
}
