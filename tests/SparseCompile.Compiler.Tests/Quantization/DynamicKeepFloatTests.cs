using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>The accuracy gate's fallback keeps chosen weights in float; the dynamic pass must honour that.</summary>
public class DynamicKeepFloatTests
{
    [Fact]
    public void WeightsTheGateKeepsFloatStayFloatAndTheOthersAreQuantized()
    {
        using var folder = new TempFolder();
        var b = new OnnxBuilder(opset: 13);
        string x = b.Input("x", DataType.Float, 1L, 32L);
        string h = b.Relu(b.MatMul(x, 32, 32, "w_first"));
        string y = b.MatMul(h, 32, 32, "w_second");
        b.Return(y, "y", DataType.Float, 1L, 32L);
        string modelPath = folder.File("mlp.onnx");
        using (var model = b.BuildModel())
        {
            model.Save(modelPath);
        }

        var result = SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = modelPath,
            OutputDirectory = folder.File("out"),
            Sparsity = null,
            KeepFloat = new HashSet<string>(["w_first"], StringComparer.Ordinal),
        });

        using var compiled = OnnxModel.Load(result.ModelPath);
        var first = compiled.Graph.FindInitializer("w_first");
        Assert.NotNull(first);
        Assert.Equal((int)DataType.Float, first.DataType);
        Assert.Contains(compiled.Graph.Consumers("w_first"), c => c.Node.OpType == "MatMul");
        Assert.Null(compiled.Graph.FindInitializer("w_second"));
        Assert.Contains(compiled.Proto.Graph.Node, n => n.OpType == "MatMulInteger");

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(result.ManifestPath));
        var quantized = manifest.RootElement.GetProperty("quantized").EnumerateArray().Select(q => q.GetProperty("weight").GetString()!).ToList();
        Assert.Equal(new[] { "w_second" }, quantized);
    }
}
