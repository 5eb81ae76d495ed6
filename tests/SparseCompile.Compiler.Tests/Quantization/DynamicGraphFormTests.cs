using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>The exact nodes and initializers the dynamic pass writes.</summary>
public class DynamicGraphFormTests
{
    [Fact]
    public void MlpBecomesTheIntegerFormOrtFuses()
    {
        using var model = QuantModels.Mlp();
        var context = DynamicRun.Quantize(model);
        var graph = model.Proto.Graph;

        Assert.Equal(
            ["DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Add", "Relu", "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Add"],
            graph.Node.Select(n => n.OpType));
        Assert.All(graph.Node, n => Assert.Equal(string.Empty, n.Domain));

        // Layer 1: MatMulInteger(x_q, W_q, x_zp) → Cast → Mul(·, Mul(x_scale, W_scale)); the PyTorch Add(bias, y) is turned round.
        var dql = graph.Node[0];
        Assert.Equal(["x"], dql.Input);
        var mmi = graph.Node[1];
        Assert.Equal([dql.Output[0], "fc1.weight_quantized", dql.Output[2]], mmi.Input);
        Assert.Equal(TensorProto.Types.DataType.Float, (TensorProto.Types.DataType)graph.Node[2].Attribute.Single(a => a.Name == "to").I);
        Assert.Equal([dql.Output[1], "fc1.weight_scale"], graph.Node[3].Input);
        Assert.Equal([graph.Node[2].Output[0], graph.Node[3].Output[0]], graph.Node[4].Input);
        Assert.Equal([graph.Node[4].Output[0], "fc1.bias"], graph.Node[5].Input);

        // Layer 2 (Gemm transB = 1 with bias): the same form, then Add(y, bias) with the bias second, writing the Gemm's output.
        Assert.Equal("fc2.weight_quantized", graph.Node[8].Input[1]);
        Assert.Equal([graph.Node[11].Output[0], "fc2.bias"], graph.Node[12].Input);
        Assert.Equal("y", graph.Node[12].Output[0]);

        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        Assert.DoesNotContain("fc1.weight", initializers.Keys);
        Assert.DoesNotContain("fc2.weight", initializers.Keys);
        Assert.Equal((int)DataType.Int8, initializers["fc1.weight_quantized"].DataType);
        Assert.Equal([64L, 48], initializers["fc1.weight_quantized"].Dims);
        Assert.Equal([48L], initializers["fc1.weight_scale"].Dims);
        Assert.Equal([48L, 32], initializers["fc2.weight_quantized"].Dims); // transposed to [K, N]
        Assert.Equal([32L], initializers["fc2.weight_scale"].Dims);

        Assert.Collection(context.Quantized,
            q => Assert.Equal(("MatMul", "fc1.weight", "dynamic", (int?)1), (q.OpType, q.Weight, q.Mode, q.Axis)),
            q => Assert.Equal(("Gemm", "fc2.weight", "dynamic", (int?)0), (q.OpType, q.Weight, q.Mode, q.Axis)));
        Assert.All(context.Quantized, q => Assert.True(q.MinScale > 0 && q.MinScale <= q.MaxScale && q.ActivationRange is null));
    }

    [Fact]
    public void ReadersOfOneActivationShareOneDynamicQuantizeLinearAndOneWeightServesTwoMatMuls()
    {
        var b = new OnnxBuilder(13);
        string x = b.Input("x", DataType.Float, 2, 32);
        b.RandomInitializer("shared", [32, 32]);
        string q = b.Node("MatMul", [x, "shared"]);
        string k = b.MatMul(x, 32, 32, "k.weight");
        string second = b.Node("MatMul", [b.Add(q, k), "shared"]);
        b.Return(second, "y", DataType.Float, 2, 32);
        using var model = b.BuildModel();

        var context = DynamicRun.Quantize(model);

        var nodes = model.Proto.Graph.Node;
        Assert.Equal(2, nodes.Count(n => n.OpType == "DynamicQuantizeLinear"));
        Assert.Equal(3, nodes.Count(n => n.OpType == "MatMulInteger"));
        var readingX = nodes.Where(n => n.OpType == "MatMulInteger").Take(2).ToArray();
        Assert.Equal(readingX[0].Input[0], readingX[1].Input[0]);
        Assert.Equal(2, nodes.Count(n => n.OpType == "MatMulInteger" && n.Input[1] == "shared_quantized"));
        Assert.Equal(["shared", "k.weight"], context.Quantized.Select(w => w.Weight));
        Assert.Single(model.Proto.Graph.Initializer, i => i.Name == "shared_quantized");
    }

    [Theory]
    [InlineData(1f, "constant", new[] { "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Add" })]
    [InlineData(2f, "constant", new[] { "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Add" })]
    [InlineData(2f, "runtime", new[] { "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Mul", "Add" })]
    [InlineData(1f, "none", new[] { "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul" })]
    [InlineData(0f, "constant", new[] { "DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul" })]
    public void GemmBiasBecomesAnAddWithBetaFoldedIn(float beta, string c, string[] ops)
    {
        using var model = QuantModels.Gemm(alpha: 1f, beta, transB: false, c);
        DynamicRun.Quantize(model);

        var graph = model.Proto.Graph;
        Assert.Equal(ops, graph.Node.Select(n => n.OpType));
        Assert.Equal("y", graph.Node[^1].Output[0]);
        var names = graph.Initializer.Select(i => i.Name).ToHashSet();
        if (c == "constant" && beta == 2f)
        {
            Assert.Equal("c_times_beta", graph.Node[^1].Input[1]);
            Assert.DoesNotContain("c", names); // the unscaled C has no reader left
        }
        else if (c == "constant" && beta == 1f)
        {
            Assert.Equal("c", graph.Node[^1].Input[1]);
        }
        else if (c == "constant")
        {
            Assert.DoesNotContain("c", names); // beta = 0: C drops out
        }
    }

    [Fact]
    public void EmbeddingGatherReadsInt8RowsAndScalesPerRow()
    {
        using var model = QuantModels.Embedding();
        var context = DynamicRun.Quantize(model);

        var graph = model.Proto.Graph;
        Assert.Equal(["Gather", "Cast", "Gather", "Mul"], graph.Node.Select(n => n.OpType));
        Assert.Equal(["embeddings.weight_quantized", "ids"], graph.Node[0].Input);
        Assert.Equal(["embeddings.weight_scale", "ids"], graph.Node[2].Input);
        Assert.Equal([graph.Node[1].Output[0], graph.Node[2].Output[0]], graph.Node[3].Input);
        Assert.Equal("y", graph.Node[3].Output[0]);
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        Assert.Equal([100L, 32], initializers["embeddings.weight_quantized"].Dims);
        Assert.Equal([100L, 1], initializers["embeddings.weight_scale"].Dims);
        Assert.DoesNotContain("embeddings.weight", initializers.Keys);
        var record = Assert.Single(context.Quantized);
        Assert.Equal(("Gather", (int?)0), (record.OpType, record.Axis));
    }

    [Fact]
    public void UnnamedNodesAndTakenNamesGetFreshNames()
    {
        var b = new OnnxBuilder(13);
        string x = b.Input("x", DataType.Float, 2, 32);
        b.RandomInitializer("w", [32, 32]);
        b.RandomInitializer("w_quantized", [1], 1f); // the name the pass would pick is taken
        string mm = b.Node("MatMul", [x, "w"]);
        b.Graph.Node[^1].Name = string.Empty;
        string y = b.Node("Add", [mm, "w_quantized"]);
        b.Return(y, "y", DataType.Float, 2, 32);
        using var model = b.BuildModel();

        var context = DynamicRun.Quantize(model);

        var mmi = model.Proto.Graph.Node.Single(n => n.OpType == "MatMulInteger");
        Assert.Equal("w_quantized_2", mmi.Input[1]);
        Assert.Equal($"MatMul -> {mm}", Assert.Single(context.Quantized).Node);
        var allNodeNames = model.Proto.Graph.Node.Select(n => n.Name).ToArray();
        Assert.Equal(allNodeNames.Length, allNodeNames.Distinct().Count());
    }

    [Fact]
    public void QuantizingTwiceGivesIdenticalBytes()
    {
        using var first = QuantModels.Mlp();
        using var second = QuantModels.Mlp();
        DynamicRun.Quantize(first, NMPattern.TwoFour);
        DynamicRun.Quantize(second, NMPattern.TwoFour);
        Assert.Equal(first.ToByteArray(), second.ToByteArray());
    }
}
