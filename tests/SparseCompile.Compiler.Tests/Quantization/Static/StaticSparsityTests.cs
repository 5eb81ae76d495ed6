using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Compiler.Quantization.Static;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>With zero point 0, pruned weights quantize to exactly 0: 2:4 + static keeps 2:4 in the INT8 weights.</summary>
public class StaticSparsityTests
{
    [Theory]
    [InlineData("conv1.weight", 1)]
    [InlineData("conv2.weight", 1)]
    [InlineData("fc.weight", 1)]
    public void TwoFourSurvivesInTheCnnsInt8Weights(string weight, int reductionAxis)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        StaticRun.Quantize(model, StaticRun.Options(StaticGraphFormTests.CnnCalibration(folder), sparsity: NMPattern.TwoFour));

        AssertTwoFour(model, weight, reductionAxis);
    }

    [Theory]
    [InlineData("fc1.weight", 0)]
    [InlineData("fc2.weight", 0)]
    [InlineData("fc3.weight", 0)]
    public void TwoFourSurvivesInTheMlpsInt8Weights(string weight, int reductionAxis)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Mlp();
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [4, 64], StaticModels.MlpInputs(2, seed: 4));
        StaticRun.Quantize(model, StaticRun.Options(calibration, symmetric: false, sparsity: NMPattern.TwoFour));

        AssertTwoFour(model, weight, reductionAxis);
    }

    [Fact]
    public void AWeightThatLosesItsPatternFailsTheCompileWithABugCode()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var pass = new StaticQuantizationPass(q =>
        {
            var values = (sbyte[])q.Values.Clone();
            Array.Fill(values, (sbyte)1, 0, 4); // revive a whole group of four
            return q with { Values = values };
        });

        var error = Assert.Throws<SparseCompileException>(() =>
            StaticRun.Quantize(model, StaticRun.Options(StaticGraphFormTests.CnnCalibration(folder), sparsity: NMPattern.TwoFour), pass));

        Assert.Equal("SC3900", error.Code);
        Assert.Equal("conv1.weight", error.Subject);
    }

    [Fact]
    public void AZeroRevivedOutsideAPatternFailsTooWithoutSparsity()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        var weights = model.Graph.FindInitializer("conv1.weight")!;
        var values = model.ReadTensor(weights).ToSingleArray();
        values[5] = 0;
        model.Proto.Graph.Initializer[model.Proto.Graph.Initializer.IndexOf(weights)] = Onnx.Tensors.TensorFactory.Create<float>("conv1.weight", weights.Dims.ToArray(), values);
        model.RefreshGraph();
        var pass = new StaticQuantizationPass(q =>
        {
            var tampered = (sbyte[])q.Values.Clone();
            tampered[5] = 3;
            return q with { Values = tampered };
        });

        var error = Assert.Throws<SparseCompileException>(() => StaticRun.Quantize(model, StaticRun.Options(StaticGraphFormTests.CnnCalibration(folder)), pass));

        Assert.Equal("SC3901", error.Code);
    }

    private static void AssertTwoFour(OnnxModel model, string weight, int axis)
    {
        var tensor = model.Graph.FindInitializer(weight + "_quantized")!;
        var values = model.ReadTensor(tensor).AsSpan<sbyte>();
        long violating = SparsityGuard.CountViolatingGroups(values, tensor.Dims.ToArray(), axis, NMPattern.TwoFour, out long groups);

        Assert.True(groups > 0);
        Assert.Equal(0, violating);
        int zeros = 0;
        foreach (sbyte v in values)
        {
            zeros += v == 0 ? 1 : 0;
        }

        Assert.True(zeros * 2 >= values.Length, $"{zeros} of {values.Length} INT8 values are 0; 2:4 zeroes at least half");
    }
}
