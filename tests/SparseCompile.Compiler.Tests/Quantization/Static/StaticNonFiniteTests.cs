using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Quantization.Static;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>NaN and infinite values never give a NaN scale: such a weight stays float, such an activation unquantized, each with a warning.</summary>
public class StaticNonFiniteTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ANonFiniteWeightStaysFloatAndTheRestIsQuantized(float bad)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Mlp();
        SetElement(model, "fc2.weight", 5, bad);
        var pass = new StaticQuantizationPass();

        var context = StaticRun.Quantize(model, StaticRun.Options(MlpCalibration(folder, StaticModels.MlpInputs(3, 5))), pass);

        Assert.DoesNotContain("fc2.weight", context.Quantized.Select(q => q.Weight));
        Assert.Contains("fc1.weight", context.Quantized.Select(q => q.Weight));
        var skip = Assert.Single(pass.Skipped, s => s.Weight == "fc2.weight");
        Assert.Contains("NaN or infinite", skip.Reason, StringComparison.Ordinal);
        var warning = Assert.Single(context.Diagnostics, d => d.Code == CompileDiagnosticCodes.NonFiniteWeightKeptFloat);
        Assert.Equal("fc2.weight", warning.Subject);
        Assert.Equal(bad, model.ReadInitializer("fc2.weight").ToSingleArray()[5]);
        DynamicSkipTests.AssertScalesFiniteAndPositive(model);
    }

    [Fact]
    public void AnActivationThatHeldNaNDuringCalibrationIsNotQuantized()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Mlp();
        var samples = StaticModels.MlpInputs(3, 5);
        samples[1][7] = float.NaN;

        var context = StaticRun.Quantize(model, StaticRun.Options(MlpCalibration(folder, samples)));

        var warnings = context.Diagnostics.Where(d => d.Code == CompileDiagnosticCodes.NonFiniteActivation).ToArray();
        Assert.Contains(warnings, w => w.Subject == "x");
        Assert.All(warnings, w => Assert.Contains("not quantized", w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType == "QuantizeLinear" && n.Input[0] == "x");
        DynamicSkipTests.AssertScalesFiniteAndPositive(model);
    }

    private static string MlpCalibration(TempFolder folder, float[][] samples) =>
        CalibrationFolder.Write(Path.Combine(folder.Path, "calibration"), "x", [StaticModels.Rows, StaticModels.In], samples);

    private static void SetElement(OnnxModel model, string name, int index, float value)
    {
        var tensor = model.Graph.FindInitializer(name)!;
        var values = model.ReadTensor(tensor).ToSingleArray();
        values[index] = value;
        model.Proto.Graph.Initializer[model.Proto.Graph.Initializer.IndexOf(tensor)] =
            TensorFactory.Create<float>(name, tensor.Dims.ToArray(), values);
        model.RefreshGraph();
    }
}
