using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Static.Support;

namespace SparseCompile.Compiler.Tests.Quantization.Static;

/// <summary>ONNX Runtime's CPU optimizer fuses the QDQ form the pass writes into its integer kernels.</summary>
public class StaticFusionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheCnnBecomesQLinearConvAddPoolAndQGemm(bool symmetric)
    {
        using var folder = new TempFolder();
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [2, 4, 8, 8], StaticModels.CnnInputs(3, seed: 1));
        using (var model = StaticModels.Cnn())
        {
            StaticRun.Quantize(model, StaticRun.Options(calibration, symmetric));
            model.Save(folder.File("int8.onnx"));
        }

        var ops = OptimizedGraph.OpCounts(folder.File("int8.onnx"));

        Assert.Equal(2, ops.Count(":QLinearConv") + ops.Count("com.microsoft:QLinearConv")); // NCHW, or NHWC after the layout pass
        Assert.Equal(1, ops.Count("com.microsoft:QLinearAdd"));
        Assert.Equal(1, ops.Count("com.microsoft:QLinearGlobalAveragePool"));
        Assert.Equal(1, ops.Count("com.microsoft:QGemm"));
        Assert.Equal(0, ops.Count(":Conv") + ops.Count(":Gemm") + ops.Count(":Add") + ops.Count(":GlobalAveragePool"));

        // Asymmetric: the Relu is the clamp of the QuantizeLinear after it and disappears into QLinearConv; symmetric
        // INT8 cannot clamp at 0, so the Relu runs in float between a DequantizeLinear and its readers' QuantizeLinears.
        Assert.Equal(symmetric ? 1 : 0, ops.Count(":Relu"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheMlpBecomesQLinearMatMulAndQGemm(bool symmetric)
    {
        using var folder = new TempFolder();
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [4, 64], StaticModels.MlpInputs(3, seed: 2));
        using (var model = StaticModels.Mlp())
        {
            StaticRun.Quantize(model, StaticRun.Options(calibration, symmetric));
            model.Save(folder.File("int8.onnx"));
        }

        var ops = OptimizedGraph.OpCounts(folder.File("int8.onnx"));

        Assert.Equal(2, ops.Count("com.microsoft:QLinearMatMul") + ops.Count(":QLinearMatMul"));
        Assert.Equal(1, ops.Count("com.microsoft:QGemm"));
        Assert.Equal(0, ops.Count(":MatMul") + ops.Count(":Gemm") + ops.Count("com.microsoft:MatMulIntegerToFloat"));
        Assert.Equal(symmetric ? 2 : 0, ops.Count(":Relu"));
    }

    [Fact]
    public void AMatMulWhoseOutputNoQuantizedNodeReadsFusesIntoMatMulIntegerToFloat()
    {
        using var folder = new TempFolder();
        var b = new SparseCompile.Testing.OnnxBuilder(13, seed: 4);
        b.Input("x", Onnx.Protos.TensorProto.Types.DataType.Float, 4, 32);
        b.RandomInitializer("w", [32, 16], 0.3f);
        b.Node("MatMul", ["x", "w"], "h");
        b.Node("Sigmoid", ["h"], "y");
        b.Output("y", Onnx.Protos.TensorProto.Types.DataType.Float, 4, 16);
        string calibration = CalibrationFolder.Write(folder.File("calibration"), "x", [4, 32], StaticModels.MlpInputs(2, seed: 3).Select(v => v[..128]));
        using (var model = b.BuildModel())
        {
            StaticRun.Quantize(model, StaticRun.Options(calibration));
            model.Save(folder.File("int8.onnx"));
        }

        var ops = OptimizedGraph.OpCounts(folder.File("int8.onnx"));

        Assert.Equal(1, ops.Count("com.microsoft:MatMulIntegerToFloat"));
        Assert.Equal(0, ops.Count(":MatMul"));
    }
}
