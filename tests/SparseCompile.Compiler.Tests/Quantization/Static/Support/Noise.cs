using static SparseCompile.Compiler.Tests.Quantization.Static.Support.Reference;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>
/// The additive noise model of quantization: every rounding (an activation by its QuantizeLinear, a weight to INT8, a
/// bias to INT32) adds independent noise, uniform over one step, so of variance step² / 12. A product Σ W·x with noisy
/// x̂ = x + δx and Ŵ = W + δW carries Σ W²·var(δx) + Σ x²·var(δW); a Relu passes noise through (1-Lipschitz). Sums whose
/// noises are correlated (the two branches of a residual Add, the pixels a pool averages) add standard deviations,
/// which is the worst case for them. The tests accept an output within <see cref="Sigmas"/> standard deviations.
/// </summary>
internal static class Noise
{
    /// <summary>How many standard deviations of predicted noise an output may be off.</summary>
    public const double Sigmas = 6;

    /// <summary>The variance of a uniform rounding to steps of <paramref name="step"/>.</summary>
    public static double Rounding(double step) => step * step / 12;

    /// <summary>The noise variance of a Conv (3×3, pad 1) output: inputs x with noise variance v, weights w with INT8 steps, bias rounded at input step × weight step.</summary>
    public static double[] Conv(double[] x, double[] v, int n, int c, int side, double[] w, double[] weightSteps, double inputStep)
    {
        int o = weightSteps.Length;
        var squares = w.Select(value => value * value).ToArray();
        var weightNoise = new double[w.Length];
        int perChannel = w.Length / o;
        for (int ch = 0; ch < o; ch++)
        {
            Array.Fill(weightNoise, Rounding(weightSteps[ch]), ch * perChannel, perChannel);
        }

        var biasNoise = weightSteps.Select(s => Rounding(inputStep * s)).ToArray();
        var xSquares = x.Select(value => value * value).ToArray();
        return Add(Reference.Conv(v, n, c, side, side, squares, o, 3, 1, null), Reference.Conv(xSquares, n, c, side, side, weightNoise, o, 3, 1, biasNoise));
    }

    /// <summary>The noise variance of a [rows, k] · W product (W [k, n], or [n, k] transposed) with per-output-column INT8 steps and a bias rounded at input step × weight step.</summary>
    public static double[] MatMul(double[] a, double[] v, int rows, int k, double[] w, int n, bool transposeB, double[] weightSteps, double? inputStep)
    {
        var squares = w.Select(value => value * value).ToArray();
        var weightNoise = new double[w.Length];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < n; j++)
            {
                weightNoise[transposeB ? (j * k) + i : (i * n) + j] = Rounding(weightSteps[j]);
            }
        }

        var biasNoise = inputStep is double step ? weightSteps.Select(s => Rounding(step * s)).ToArray() : null;
        var aSquares = a.Select(value => value * value).ToArray();
        return Add(Reference.MatMul(v, rows, k, squares, n, transposeB), Reference.MatMul(aSquares, rows, k, weightNoise, n, transposeB, biasNoise));
    }

    /// <summary>The variance of the sum of two noises that may be correlated: (σa + σb)².</summary>
    public static double[] Correlated(double[] a, double[] b) => a.Zip(b, (p, q) => Math.Pow(Math.Sqrt(p) + Math.Sqrt(q), 2)).ToArray();

    /// <summary>The variance of the mean over each plane of possibly correlated noises: (mean σ)².</summary>
    public static double[] Average(double[] v, int planes, int size) =>
        GlobalAverage(v.Select(Math.Sqrt).ToArray(), planes, size).Select(s => s * s).ToArray();

    /// <summary>The accepted distance per output: <see cref="Sigmas"/> standard deviations plus float rounding.</summary>
    public static double[] Tolerance(double[] variance, double[] output) =>
        variance.Zip(output, (v, y) => (Sigmas * Math.Sqrt(v)) + (1e-5 * Math.Abs(y)) + 1e-6).ToArray();
}
