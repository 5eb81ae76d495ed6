using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>ONNX Runtime's CPU optimizer fuses what the pass writes into its INT8 kernels, leaving no integer or float MatMul behind.</summary>
public class DynamicFusionTests
{
    [Theory]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(21)]
    public void OrtFusesTheMlpIntoDynamicQuantizeMatMulWithBiases(int opset)
    {
        using var folder = new TempFolder();
        using (var model = QuantModels.Mlp(opset))
        {
            DynamicRun.Quantize(model);
            model.Save(folder.File("int8.onnx"));
        }

        var nodes = OrtSessions.OptimizedNodes(folder.File("int8.onnx"));

        Assert.Equal(2, OrtSessions.Count(nodes, "DynamicQuantizeMatMul", "com.microsoft"));
        Assert.All(nodes.Where(n => n.OpType == "DynamicQuantizeMatMul"), n => Assert.Equal(5, n.Input.Count)); // A, B, B scale, B zero point (none), bias
        Assert.Equal(["DynamicQuantizeMatMul", "Relu", "DynamicQuantizeMatMul"], nodes.Select(n => n.OpType));
    }

    [Fact]
    public void SharedActivationsFuseIntoMatMulIntegerToFloat()
    {
        using var folder = new TempFolder();
        var b = new SparseCompile.Testing.OnnxBuilder(13);
        string x = b.Input("x", Onnx.Protos.TensorProto.Types.DataType.Float, 2, 32);
        string q = b.MatMul(x, 32, 32, "q.weight");
        string k = b.MatMul(x, 32, 32, "k.weight");
        b.Return(b.Add(q, k), "y", Onnx.Protos.TensorProto.Types.DataType.Float, 2, 32);
        using (var model = b.BuildModel())
        {
            DynamicRun.Quantize(model);
            model.Save(folder.File("int8.onnx"));
        }

        var nodes = OrtSessions.OptimizedNodes(folder.File("int8.onnx"));

        Assert.Equal(2, OrtSessions.Count(nodes, "MatMulIntegerToFloat", "com.microsoft"));
        Assert.Equal(1, OrtSessions.Count(nodes, "DynamicQuantizeLinear"));
        Assert.Equal(0, OrtSessions.Count(nodes, "MatMulInteger") + OrtSessions.Count(nodes, "MatMul"));
    }
}
