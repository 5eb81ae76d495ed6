using static SparseCompile.Compiler.Tests.Quantization.Static.Support.Reference;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>The float output of <see cref="StaticModels.Cnn"/> and how far its quantized form may be off, by <see cref="Noise"/>.</summary>
internal static class CnnTolerance
{
    private const int N = StaticModels.Batch, C = StaticModels.Channels, S = StaticModels.Side, F = StaticModels.Features, K = StaticModels.Classes;

    /// <summary>(reference output [2, 5], tolerance per output) for one input.</summary>
    public static (double[] Output, double[] Tolerance) Compute(Weights w, float[] input, QuantizationSteps steps, bool symmetric)
    {
        var x = Doubles(input);
        var c1 = Conv(x, N, C, S, S, w.Conv1, F, 3, 1, w.Bias1);
        var r1 = Relu(c1);
        var c2 = Conv(r1, N, F, S, S, w.Conv2, F, 3, 1, w.Bias2);
        var sum = Add(c2, r1);
        var pooled = GlobalAverage(sum, N * F, S * S);
        var y = MatMul(pooled, N, F, w.Fc, K, transposeB: true, w.FcBias);

        var vx = Enumerable.Repeat(steps.Variance("x"), x.Length).ToArray();
        var v1 = Noise.Conv(x, vx, N, C, S, w.Conv1, w.Conv1Steps, steps.Scale("x"));
        var vr1 = Plus(v1, (symmetric ? steps.Variance("c1") : 0) + steps.Variance("r1")); // symmetric: Q after the conv and before each reader
        var v2 = Plus(Noise.Conv(r1, vr1, N, F, S, w.Conv2, w.Conv2Steps, steps.Scale("r1")), steps.Variance("c2"));
        var vSum = Plus(Noise.Correlated(v2, vr1), steps.Variance("sum"));
        var vPooled = Plus(Noise.Average(vSum, N * F, S * S), steps.Variance("pooled"));
        var vY = Noise.MatMul(pooled, vPooled, N, F, w.Fc, K, transposeB: true, w.FcSteps, steps.Scale("pooled"));
        return (y, Noise.Tolerance(vY, y));
    }

    /// <summary>The float weights of the model, and their INT8 steps.</summary>
    internal sealed class Weights(float[] conv1, float[] bias1, float[] conv2, float[] bias2, float[] fc, float[] fcBias)
    {
        public double[] Conv1 { get; } = Doubles(conv1);
        public double[] Bias1 { get; } = Doubles(bias1);
        public double[] Conv2 { get; } = Doubles(conv2);
        public double[] Bias2 { get; } = Doubles(bias2);
        public double[] Fc { get; } = Doubles(fc);
        public double[] FcBias { get; } = Doubles(fcBias);
        public double[] Conv1Steps { get; } = WeightSteps(conv1, F, columns: false);
        public double[] Conv2Steps { get; } = WeightSteps(conv2, F, columns: false);
        public double[] FcSteps { get; } = WeightSteps(fc, K, columns: false);
    }
}
