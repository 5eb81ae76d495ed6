using static SparseCompile.Compiler.Tests.Quantization.Static.Support.Reference;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>The float output of <see cref="StaticModels.Mlp"/> and how far its quantized form may be off, by <see cref="Noise"/>.</summary>
internal static class MlpTolerance
{
    private const int R = StaticModels.Rows, I = StaticModels.In, H1 = StaticModels.Hidden1, H2 = StaticModels.Hidden2, O = StaticModels.Out;

    /// <summary>(reference output [4, 12], tolerance per output) for one input.</summary>
    public static (double[] Output, double[] Tolerance) Compute(float[] fc1, float[] fc2, float[] fc3, float[] bias3, float[] input, QuantizationSteps steps, bool symmetric)
    {
        var (w1, w2, w3) = (Doubles(fc1), Doubles(fc2), Doubles(fc3));
        var x = Doubles(input);
        var h1 = MatMul(x, R, I, w1, H1, false);
        var r1 = Relu(h1);
        var h2 = MatMul(r1, R, H1, w2, H2, false);
        var r2 = Relu(h2);
        var y = MatMul(r2, R, H2, w3, O, false, Doubles(bias3));

        var vx = Enumerable.Repeat(steps.Variance("x"), x.Length).ToArray();
        var v1 = Noise.MatMul(x, vx, R, I, w1, H1, false, WeightSteps(fc1, H1, columns: true), null);
        var vr1 = Plus(v1, (symmetric ? steps.Variance("h1") : 0) + steps.Variance("r1"));
        var v2 = Noise.MatMul(r1, vr1, R, H1, w2, H2, false, WeightSteps(fc2, H2, columns: true), null);
        var vr2 = Plus(v2, (symmetric ? steps.Variance("h2") : 0) + steps.Variance("r2"));
        var vY = Noise.MatMul(r2, vr2, R, H2, w3, O, false, WeightSteps(fc3, O, columns: true), steps.Scale("r2"));
        return (y, Noise.Tolerance(vY, y));
    }
}
