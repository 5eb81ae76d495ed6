using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>
/// Quantized models run in ONNX Runtime within a bound derived from the quantization steps, with the integer ops as
/// written (no optimization) and with ORT's fused kernels (all optimizations).
/// </summary>
public class DynamicAccuracyTests
{
    public static TheoryData<GraphOptimizationLevel> Levels => [GraphOptimizationLevel.ORT_DISABLE_ALL, GraphOptimizationLevel.ORT_ENABLE_ALL];

    [Theory]
    [MemberData(nameof(Levels))]
    public void MlpOutputsStayWithinTheQuantizationBound(GraphOptimizationLevel level)
    {
        using var folder = new TempFolder();
        float[] w1, b1, w2T, b2;
        using (var dense = QuantModels.Mlp())
        {
            w1 = dense.ReadInitializer("fc1.weight").ToSingleArray();
            b1 = dense.ReadInitializer("fc1.bias").ToSingleArray();
            w2T = DynamicWeightQuantizer.Transpose(dense.ReadInitializer("fc2.weight").ToSingleArray(), QuantModels.Out, QuantModels.Hidden);
            b2 = dense.ReadInitializer("fc2.bias").ToSingleArray();
            DynamicRun.Quantize(dense);
            dense.Save(folder.File("int8.onnx"));
        }

        float[] x = QuantModels.MlpInput();
        var a = x.Select(v => (double)v).ToArray();
        const int rows = QuantModels.Batch;
        var h = AddBias(ErrorBound.MatMul(a, rows, w1, QuantModels.In, QuantModels.Hidden), b1);
        var e1 = ErrorBound.Bound(a, new double[a.Length], rows, w1, QuantModels.In, QuantModels.Hidden);
        var r = h.Select(v => Math.Max(v, 0)).ToArray(); // Relu is 1-Lipschitz: the error bound carries over
        var y = AddBias(ErrorBound.MatMul(r, rows, w2T, QuantModels.Hidden, QuantModels.Out), b2);
        var bound = ErrorBound.Bound(r, e1, rows, w2T, QuantModels.Hidden, QuantModels.Out);

        var actual = OrtSessions.Run(folder.File("int8.onnx"), level, new Dictionary<string, (float[], int[])> { ["x"] = (x, [rows, QuantModels.In]) })["y"];

        AssertWithin(y, actual, bound);
        double largest = y.Max(Math.Abs);
        Assert.True(bound.Max() < 0.5 * largest, $"the bound ({bound.Max()}) is small against the outputs (up to {largest})");
    }

    [Theory]
    [InlineData(0.5f, 2f, false, "constant")]
    [InlineData(1.5f, -1f, true, "runtime")]
    [InlineData(1f, 1f, true, "none")]
    public void GemmVariantsStayWithinTheQuantizationBound(float alpha, float beta, bool transB, string c)
    {
        using var folder = new TempFolder();
        float[] w;
        float[] cValues = new OnnxBuilder(seed: 9).RandomValues(4 * 24, 0.5f);
        using (var model = QuantModels.Gemm(alpha, beta, transB, c))
        {
            w = model.ReadInitializer("w").ToSingleArray();
            if (c == "constant")
            {
                cValues = model.ReadInitializer("c").ToSingleArray();
            }

            DynamicRun.Quantize(model);
            model.Save(folder.File("int8.onnx"));
        }

        var weight = (transB ? DynamicWeightQuantizer.Transpose(w, 24, 40) : w).Select(v => v * alpha).ToArray();
        float[] x = new OnnxBuilder(seed: 10).RandomValues(4 * 40, 1f);
        var a = x.Select(v => (double)v).ToArray();
        var expected = ErrorBound.MatMul(a, 4, weight, 40, 24);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] += c == "none" ? 0 : beta * cValues[c == "constant" ? i % 24 : i];
        }

        var feeds = new Dictionary<string, (float[], int[])> { ["x"] = (x, [4, 40]) };
        if (c == "runtime")
        {
            feeds["c"] = (cValues, [4, 24]);
        }

        foreach (var level in new[] { GraphOptimizationLevel.ORT_DISABLE_ALL, GraphOptimizationLevel.ORT_ENABLE_ALL })
        {
            var actual = OrtSessions.Run(folder.File("int8.onnx"), level, feeds)["y"];
            AssertWithin(expected, actual, ErrorBound.Bound(a, new double[a.Length], 4, weight, 40, 24));
        }
    }

    [Fact]
    public void EmbeddingRowsComeBackWithinHalfARowStep()
    {
        using var folder = new TempFolder();
        float[] table;
        using (var model = QuantModels.Embedding())
        {
            table = model.ReadInitializer("embeddings.weight").ToSingleArray();
            DynamicRun.Quantize(model);
            model.Save(folder.File("int8.onnx"));
        }

        long[] ids = [0, 7, 99, 7, 42, 13, 99, 1, 2, 3];
        var actual = OrtSessions.Run(folder.File("int8.onnx"), GraphOptimizationLevel.ORT_ENABLE_ALL,
            longs: new Dictionary<string, (long[], int[])> { ["ids"] = (ids, [2, 5]) })["y"];

        for (int t = 0; t < ids.Length; t++)
        {
            var row = table.AsSpan((int)ids[t] * 32, 32);
            float max = 0;
            foreach (float v in row)
            {
                max = Math.Max(max, Math.Abs(v));
            }

            double step = max == 0 ? 1 : max / 127.0;
            for (int d = 0; d < 32; d++)
            {
                float got = actual[(t * 32) + d];
                Assert.True(Math.Abs(got - row[d]) <= (step / 2 * 1.0001) + 1e-9, $"token {t} dim {d}: {got} vs {row[d]}");
                if (row[d] == 0)
                {
                    Assert.Equal(0f, got);
                }
            }
        }
    }

    private static double[] AddBias(double[] y, float[] bias)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += bias[i % bias.Length];
        }

        return y;
    }

    private static void AssertWithin(double[] expected, float[] actual, double[] bound)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            Assert.True(error <= bound[i], $"output {i}: {actual[i]} vs {expected[i]}, error {error} > bound {bound[i]}");
        }
    }
}
