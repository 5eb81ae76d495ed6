using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Compiler.Tests.Fusion.Support;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>The symbolic shapes the matchers rely on.</summary>
public class SymbolicShapesTests
{
    [Theory]
    [InlineData("384", "1", "384")]
    [InlineData("$s", "$s", "$s")]
    [InlineData("1", "$s", "$s")]
    [InlineData("384", "$s", "384")]
    [InlineData("$t", "$s", "bcast($s,$t)")]
    [InlineData("3", "4", null)]
    public void DimensionsBroadcastAsNumpyDoes(string a, string b, string? expected)
    {
        Assert.Equal(expected, Dims.Broadcast(a, b));
        Assert.Equal(expected, Dims.Broadcast(b, a));
    }

    [Fact]
    public void BertBlockValuesGetTheirSymbolicShapes()
    {
        using var model = BertBlock.Build(new BertBlockOptions { ResidualLayerNorm = true });
        var view = new FusionView(model);
        var graph = model.Proto.Graph;
        string Output(string opType, int index = 0) => graph.Node.Where(n => n.OpType == opType).ElementAt(index).Output[0];

        Assert.Equal(["$batch", "$sequence", "64"], view.Shapes.ShapeOf(Output("MatMul")));
        Assert.Equal(["$batch", "$sequence", "4", "16"], view.Shapes.ShapeOf(Output("Reshape")));
        var target = view.Shapes.ContentsOf(graph.Node.First(n => n.OpType == "Reshape").Input[1]);
        Assert.Equal(["$batch", "$sequence", "4", "16"], target!.Items);
        Assert.False(target.Scalar);
        Assert.Equal(["$batch", "1", "1", "$sequence"], view.Shapes.ShapeOf(Output("Mul")));
        Assert.Equal(["$batch", "4", "$sequence", "$sequence"], view.Shapes.ShapeOf(Output("Softmax")));
        Assert.Equal(["$batch", "$sequence", "64"], view.Shapes.ShapeOf("y"));
        Assert.Equal(["$batch", "$sequence", "1"], view.Shapes.ShapeOf(Output("ReduceMean")));
    }

    [Fact]
    public void ReshapeResolvesZeroAndMinusOneAndUnknownOpsStayUnknown()
    {
        var b = new OnnxBuilder(13);
        string x = b.Input("x", DataType.Float, 2, "n", 6);
        string zero = b.Node("Reshape", [x, b.Initializer("shape0", [3], new long[] { 0, 0, 6 })]);
        string fixedShape = b.Node("Reshape", [b.Input("z", DataType.Float, 2, 3, 4), b.Initializer("shape1", [2], new long[] { -1, 4 })]);
        string unknown = b.Node("TopK", [x, b.Initializer("k", [1], new long[] { 2 })]);
        b.Return(unknown, "y", DataType.Float, 2, "n", 2);
        using var model = b.BuildModel();

        var view = new FusionView(model);

        Assert.Equal(["2", "$n", "6"], view.Shapes.ShapeOf(zero));
        Assert.Equal(["6", "4"], view.Shapes.ShapeOf(fixedShape));
        Assert.Null(view.Shapes.ShapeOf("y"));
    }
}
