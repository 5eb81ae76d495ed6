using SparseCompile.Cli.Inspection;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Inspection;

public class ModelInspectorTests
{
    [Fact]
    public void SharedUnusedAndCustomDomainInitializersAreCountedAsDocumented()
    {
        var b = new OnnxBuilder(opset: 13);
        string x = b.Input("x", DataType.Float, 4, 4);
        b.RandomInitializer("shared", [4, 4]);
        b.RandomInitializer("unused", [3]);
        b.RandomInitializer("custom_w", [4, 4]);
        string h = b.Node("MatMul", [x, "shared"]);
        h = b.Add(h, "shared");
        h = b.Node("FusedThing", [h, "custom_w"]);
        b.Graph.Node[^1].Domain = "com.example";
        b.Return(h, "y", DataType.Float, 4, 4);
        using var model = b.BuildModel();

        var report = ModelInspector.Inspect(model, "m.onnx", NMPattern.TwoFour);

        Assert.Equal(16 + 3 + 16, report.Parameters.Count);
        Assert.Equal(4 * 35, report.Parameters.Bytes);
        var byOp = report.Parameters.ByOpType.ToDictionary(o => o.OpType);
        Assert.Equal(16, byOp["MatMul"].Count);
        Assert.Equal(16, byOp["Add"].Count); // the shared initializer counts for both op types
        Assert.Equal(16, byOp["com.example:FusedThing"].Count);
        Assert.Equal(["Add", "MatMul", "com.example:FusedThing"], report.Parameters.ByOpType.Select(o => o.OpType)); // ties: then ordinal name
        Assert.Empty(report.Parameters.Tensors.Single(t => t.Name == "unused").ConsumerOpTypes);
        Assert.Equal(["Add", "MatMul"], report.Parameters.Tensors.Single(t => t.Name == "shared").ConsumerOpTypes);

        var weight = Assert.Single(report.Weights);
        Assert.Equal("shared", weight.Weight.Name);
        Assert.True(weight.Weight.HasOtherConsumers);
        Assert.Equal(0, report.CompliantCount);
    }
}
