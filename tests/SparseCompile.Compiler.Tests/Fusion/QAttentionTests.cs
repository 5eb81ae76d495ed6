using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Fusion.Support;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Testing.RealData;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>The dynamic INT8 pass turns a fused Attention into QAttention: packed INT8 weight with a scale per column, input quantized at run time.</summary>
public class QAttentionTests
{
    [Fact]
    public void FusedBlockBecomesQAttentionThatRunsCloseToFloat()
    {
        using var folder = new TempFolder();
        using var model = BertBlock.Build();
        string original = FusionCheck.Save(model, folder, "block.onnx");

        var context = FusionRun.Compile(model);
        string int8 = FusionCheck.Save(model, folder, "int8.onnx");

        var graph = model.Proto.Graph;
        Assert.Equal(["Cast", "DynamicQuantizeLinear", "QAttention"], graph.Node.Select(n => n.OpType));
        var dql = graph.Node[1];
        var qattention = graph.Node[2];
        Assert.Equal(MicrosoftDomain.Name, qattention.Domain);
        Assert.Equal([dql.Output[0], "layer.0.attention.self.qkv.weight_quantized", "layer.0.attention.self.qkv.bias", dql.Output[1],
            "layer.0.attention.self.qkv.weight_scale", graph.Node[0].Output[0], dql.Output[2]], qattention.Input);
        Assert.Equal(["num_heads", "scale", "mask_filter_value"], qattention.Attribute.Select(a => a.Name));
        var weight = graph.Initializer.Single(i => i.Name == "layer.0.attention.self.qkv.weight_quantized");
        Assert.Equal((int)DataType.Int8, weight.DataType);
        Assert.Equal([64L, 192], weight.Dims);
        Assert.Equal([192L], graph.Initializer.Single(i => i.Name == "layer.0.attention.self.qkv.weight_scale").Dims);
        Assert.DoesNotContain(graph.Initializer, i => i.Name == "layer.0.attention.self.qkv.weight");
        var quantized = Assert.Single(context.Quantized);
        Assert.Equal(("Attention", "layer.0.attention.self.qkv.weight", (int?)1), (quantized.OpType, quantized.Weight, quantized.Axis));

        var expected = FusionCheck.Run(original, 64);
        var actual = FusionCheck.Run(int8, 64);
        double cosine = SentenceEmbedding.Cosine(expected, actual);
        Assert.True(cosine >= 0.999, $"cosine {cosine}");
        var nodes = OrtSessions.OptimizedNodes(int8);
        Assert.Equal(1, OrtSessions.Count(nodes, "QAttention", MicrosoftDomain.Name));
        Assert.Equal(0, OrtSessions.Count(nodes, "Attention", MicrosoftDomain.Name) + OrtSessions.Count(nodes, "MatMulInteger"));
    }

    [Fact]
    public void PackedWeightKeeps24InFloatAndInInt8()
    {
        using var floatModel = BertBlock.Build(new BertBlockOptions { Layers = 2 });
        FusionRun.Compile(floatModel, NMPattern.TwoFour, quantize: false);
        using var int8Model = BertBlock.Build(new BertBlockOptions { Layers = 2 });
        FusionRun.Compile(int8Model, NMPattern.TwoFour);

        var packed = floatModel.Proto.Graph.Initializer.Where(i => i.Name.EndsWith("qkv.weight", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, packed.Length);
        foreach (var weight in packed)
        {
            CompileAssertions.AssertNM(floatModel.ReadTensor(weight).ToSingleArray(), weight.Dims, 0, 2, 4);
            var int8 = int8Model.ReadInitializer(weight.Name + "_quantized");
            CompileAssertions.AssertNM(int8.AsSpan<sbyte>().ToArray().Select(v => (float)v).ToArray(), int8.Dims, 0, 2, 4);
        }
    }

    [Fact]
    public void ExcludingOneSourceWeightKeepsTheAttentionFloat()
    {
        using var model = BertBlock.Build(new BertBlockOptions { ResidualLayerNorm = true });
        var pass = new DynamicQuantizationPass();
        var context = new Compiler.Pipeline.CompilationContext(model, DynamicRun.Options(exclude: ["*.self.key.weight"]));
        new FusionPass().Run(context);

        pass.Run(context);

        Assert.Single(model.Proto.Graph.Node, n => n.OpType == "Attention");
        Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType == "QAttention");
        var skip = Assert.Single(pass.Skipped);
        Assert.Equal("layer.0.attention.self.qkv.weight", skip.Weight);
        Assert.Contains("--exclude", skip.Reason, StringComparison.Ordinal);
        Assert.Single(context.Quantized, q => q.Weight == "layer.0.attention.output.dense.weight");
    }
}
