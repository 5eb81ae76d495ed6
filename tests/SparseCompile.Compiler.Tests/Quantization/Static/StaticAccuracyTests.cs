using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Static;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using Xunit.Abstractions;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>
/// The statically quantized models, run by ONNX Runtime with its integer kernels, stay within the error the quantization
/// steps predict (see <see cref="Noise"/>; inputs inside the calibrated ranges: min/max calibration on the very samples
/// evaluated), and the tolerance is tight enough to catch a broken scale.
/// </summary>
public class StaticAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CnnOutputsStayWithinTheQuantizationNoise(bool symmetric)
    {
        using var folder = new TempFolder();
        var inputs = StaticModels.CnnInputs(6, seed: 5);
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [2, 4, 8, 8], inputs);
        var pass = new StaticQuantizationPass();
        CnnTolerance.Weights weights;
        using (var model = StaticModels.Cnn())
        {
            weights = new CnnTolerance.Weights(StaticModels.Weights(model, "conv1.weight"), StaticModels.Weights(model, "conv1.bias"),
                StaticModels.Weights(model, "conv2.weight"), StaticModels.Weights(model, "conv2.bias"),
                StaticModels.Weights(model, "fc.weight"), StaticModels.Weights(model, "fc.bias"));
            StaticRun.Quantize(model, StaticRun.Options(calibration, symmetric), pass);
            model.Save(folder.File("int8.onnx"));
        }

        var quantized = OrtOutputs.Run(folder.File("int8.onnx"), "x", [2, 4, 8, 8], inputs);
        var steps = new QuantizationSteps(pass.Ranges, symmetric);
        double worst = 0;
        for (int s = 0; s < inputs.Length; s++)
        {
            var (expected, bound) = CnnTolerance.Compute(weights, inputs[s], steps, symmetric);
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(quantized[s][i] - expected[i]);
                Assert.True(error <= bound[i], $"sample {s} output {i}: {quantized[s][i]} vs {expected[i]}, error {error} > tolerance {bound[i]}");
                worst = Math.Max(worst, error / bound[i]);
            }

            Assert.True(bound.Max() < 0.2 * expected.Max(Math.Abs), $"sample {s}: a tolerance of {bound.Max()} against outputs up to {expected.Max(Math.Abs)} means nothing");
        }

        output.WriteLine($"largest error / tolerance: {worst:F3}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MlpOutputsStayWithinTheQuantizationNoise(bool symmetric)
    {
        using var folder = new TempFolder();
        var inputs = StaticModels.MlpInputs(5, seed: 6);
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [4, 64], inputs);
        var pass = new StaticQuantizationPass();
        float[] fc1, fc2, fc3, bias3;
        using (var model = StaticModels.Mlp())
        {
            (fc1, fc2, fc3, bias3) = (StaticModels.Weights(model, "fc1.weight"), StaticModels.Weights(model, "fc2.weight"),
                StaticModels.Weights(model, "fc3.weight"), StaticModels.Weights(model, "fc3.bias"));
            StaticRun.Quantize(model, StaticRun.Options(calibration, symmetric), pass);
            model.Save(folder.File("int8.onnx"));
        }

        var quantized = OrtOutputs.Run(folder.File("int8.onnx"), "x", [4, 64], inputs);
        var steps = new QuantizationSteps(pass.Ranges, symmetric);
        double worst = 0;
        for (int s = 0; s < inputs.Length; s++)
        {
            var (expected, bound) = MlpTolerance.Compute(fc1, fc2, fc3, bias3, inputs[s], steps, symmetric);
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(quantized[s][i] - expected[i]);
                Assert.True(error <= bound[i], $"sample {s} output {i}: {quantized[s][i]} vs {expected[i]}, error {error} > tolerance {bound[i]}");
                worst = Math.Max(worst, error / bound[i]);
            }

            Assert.True(bound.Max() < 0.2 * expected.Max(Math.Abs), $"sample {s}: a tolerance of {bound.Max()} against outputs up to {expected.Max(Math.Abs)} means nothing");
        }

        output.WriteLine($"largest error / tolerance: {worst:F3}");
    }

    [Theory]
    [InlineData(CalibrationMethod.Percentile, true)]
    [InlineData(CalibrationMethod.Entropy, true)]
    [InlineData(CalibrationMethod.Percentile, false)]
    [InlineData(CalibrationMethod.Entropy, false)]
    public void ClippingMethodsStayCloseOnHeldOutInputs(CalibrationMethod method, bool symmetric)
    {
        using var folder = new TempFolder();
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [2, 4, 8, 8], StaticModels.CnnInputs(8, seed: 7));
        using (var model = StaticModels.Cnn())
        {
            model.Save(folder.File("float.onnx"));
            StaticRun.Quantize(model, StaticRun.Options(calibration, symmetric, method));
            model.Save(folder.File("int8.onnx"));
        }

        var held = StaticModels.CnnInputs(4, seed: 99);
        var expected = OrtOutputs.Run(folder.File("float.onnx"), "x", [2, 4, 8, 8], held);
        var actual = OrtOutputs.Run(folder.File("int8.onnx"), "x", [2, 4, 8, 8], held);
        for (int s = 0; s < held.Length; s++)
        {
            double scale = expected[s].Max(Math.Abs);
            double error = expected[s].Zip(actual[s], (e, a) => Math.Abs(e - a)).Max();
            output.WriteLine($"sample {s}: largest error {error:G3} of output scale {scale:G3}");
            Assert.True(error < 0.1 * scale, $"sample {s}: error {error} against outputs up to {scale}");
        }
    }
}
