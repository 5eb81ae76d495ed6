using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>Bad options and inputs are clear SC11xx errors that leave the model as it was.</summary>
public class StaticErrorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void StaticQuantizationWithoutCalibrationDataIsRefused(string? path)
    {
        using var model = StaticModels.Cnn();
        byte[] before = model.ToByteArray();

        var error = Assert.Throws<SparseCompileException>(() => StaticRun.Quantize(model, StaticRun.Options(path)));

        Assert.Equal("SC1180", error.Code);
        Assert.Contains("calibration data", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, model.ToByteArray());
    }

    [Theory]
    [InlineData(0.0, null)]
    [InlineData(100.5, null)]
    [InlineData(double.NaN, null)]
    [InlineData(99.99, 0)]
    public void OutOfRangeCalibrationOptionsAreRefused(double percentile, int? maxSamples)
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();

        var error = Assert.Throws<SparseCompileException>(() =>
            StaticRun.Quantize(model, StaticRun.Options(StaticGraphFormTests.CnnCalibration(folder), maxSamples: maxSamples, percentile: percentile)));

        Assert.Equal("SC1181", error.Code);
    }

    [Fact]
    public void AnOpsetBelowThirteenIsRefused()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn(opset: 12);
        byte[] before = model.ToByteArray();

        var error = Assert.Throws<SparseCompileException>(() => StaticRun.Quantize(model, StaticRun.Options(StaticGraphFormTests.CnnCalibration(folder))));

        Assert.Equal("SC1160", error.Code);
        Assert.Equal(before, model.ToByteArray());
    }

    [Fact]
    public void AMissingCalibrationFolderIsTheDataReadersError()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();

        var error = Assert.Throws<SparseCompileException>(() => StaticRun.Quantize(model, StaticRun.Options(folder.File("nowhere"))));

        Assert.Equal("SC1170", error.Code);
    }

    [Fact]
    public void SamplesForAnotherInputAreTheDataReadersError()
    {
        using var folder = new TempFolder();
        using var model = StaticModels.Cnn();
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "image", [2, 4, 8, 8], StaticModels.CnnInputs(1, seed: 1));

        var error = Assert.Throws<SparseCompileException>(() => StaticRun.Quantize(model, StaticRun.Options(calibration)));

        Assert.StartsWith("SC117", error.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelWithoutWeightsIsLeftAlone()
    {
        using var folder = new TempFolder();
        var b = new OnnxBuilder(13);
        b.Input("x", DataType.Float, 2, 4, 8, 8);
        b.Node("Relu", ["x"], "y");
        b.Output("y", DataType.Float, 2, 4, 8, 8);
        using var model = b.BuildModel();
        byte[] before = model.ToByteArray();

        var context = StaticRun.Quantize(model, StaticRun.Options(StaticGraphFormTests.CnnCalibration(folder)));

        Assert.Equal(before, model.ToByteArray());
        Assert.Empty(context.Quantized);
    }
}
