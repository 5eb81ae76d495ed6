using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Tests.Fusion.Support;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>A BERT self-attention block written as PyTorch exports it becomes one com.microsoft Attention computing the same outputs.</summary>
public class AttentionFusionTests
{
    public static TheoryData<GraphOptimizationLevel> Levels => [GraphOptimizationLevel.ORT_DISABLE_ALL, GraphOptimizationLevel.ORT_ENABLE_ALL];

    [Theory]
    [MemberData(nameof(Levels))]
    public void BlockBecomesOneAttentionWithTheSameOutputs(GraphOptimizationLevel level)
    {
        using var folder = new TempFolder();
        using var model = BertBlock.Build();
        string original = FusionCheck.Save(model, folder, "block.onnx");

        var result = FusionPass.Fuse(model);
        string fused = FusionCheck.Save(model, folder, "fused.onnx");

        var block = Assert.Single(result.Fused);
        Assert.Equal("Attention", block.OpType);
        var (diff, value) = FusionCheck.Compare(FusionCheck.Run(original, 64, level), FusionCheck.Run(fused, 64, level));
        Assert.True(diff <= 1e-5 * Math.Max(1, value), $"max |diff| {diff} (max |y| {value})");
    }

    [Fact]
    public void FusedNodeCarriesThePackedWeightsHeadsScaleAndRawMask()
    {
        using var model = BertBlock.Build();
        var q = model.ReadInitializer("layer.0.attention.self.query.weight").ToSingleArray();
        var k = model.ReadInitializer("layer.0.attention.self.key.weight").ToSingleArray();
        var v = model.ReadInitializer("layer.0.attention.self.value.weight").ToSingleArray();
        var bk = model.ReadInitializer("layer.0.attention.self.key.bias").ToSingleArray();

        FusionPass.Fuse(model);

        var graph = model.Proto.Graph;
        Assert.Contains(model.Proto.OpsetImport, o => o.Domain == MicrosoftDomain.Name && o.Version == 1);
        Assert.Equal(["Cast", "Attention"], graph.Node.Select(n => n.OpType));
        var cast = graph.Node[0];
        Assert.Equal(["mask"], cast.Input);
        Assert.Equal((long)DataType.Int32, cast.Attribute.Single(a => a.Name == "to").I);
        var attention = graph.Node[1];
        Assert.Equal(MicrosoftDomain.Name, attention.Domain);
        Assert.Equal(["x", "layer.0.attention.self.qkv.weight", "layer.0.attention.self.qkv.bias", cast.Output[0]], attention.Input);
        Assert.Equal(["y"], attention.Output);
        Assert.Equal(4, attention.Attribute.Single(a => a.Name == "num_heads").I);
        Assert.Equal(0.25f, attention.Attribute.Single(a => a.Name == "scale").F, 6);
        Assert.Equal(-10000f, attention.Attribute.Single(a => a.Name == "mask_filter_value").F);
        Assert.DoesNotContain(attention.Attribute, a => a.Name == "unidirectional" && a.I != 0);

        var weight = model.ReadInitializer("layer.0.attention.self.qkv.weight");
        Assert.Equal([64L, 192], weight.Dims);
        var packed = weight.ToSingleArray();
        for (int r = 0; r < 64; r++)
        {
            Assert.Equal(q.AsSpan(r * 64, 64).ToArray(), packed.AsSpan(r * 192, 64).ToArray());
            Assert.Equal(k.AsSpan(r * 64, 64).ToArray(), packed.AsSpan((r * 192) + 64, 64).ToArray());
            Assert.Equal(v.AsSpan(r * 64, 64).ToArray(), packed.AsSpan((r * 192) + 128, 64).ToArray());
        }

        Assert.Equal(bk, model.ReadInitializer("layer.0.attention.self.qkv.bias").ToSingleArray().AsSpan(64, 64).ToArray());
        Assert.Equal(["layer.0.attention.self.qkv.weight", "layer.0.attention.self.qkv.bias"], graph.Initializer.Select(i => i.Name));
        Assert.Equal(["layer.0.attention.self.query.weight", "layer.0.attention.self.key.weight", "layer.0.attention.self.value.weight"],
            FusedWeightSources.Of(graph.Initializer[0]));
    }

    [Theory]
    [InlineData("two-step Kᵀ")]
    [InlineData("Mul scale")]
    [InlineData("no mask")]
    [InlineData("three layers")]
    public void ExportVariantsFuseToo(string variant)
    {
        var options = variant switch
        {
            "two-step Kᵀ" => new BertBlockOptions { KeyTransposeInTwoSteps = true },
            "Mul scale" => new BertBlockOptions { ScaleByMul = true },
            "no mask" => new BertBlockOptions { NoMask = true },
            _ => new BertBlockOptions { Layers = 3, Hidden = 48, Heads = 3 },
        };
        using var folder = new TempFolder();
        using var model = BertBlock.Build(options);
        string original = FusionCheck.Save(model, folder, "block.onnx");

        var result = FusionPass.Fuse(model);
        string fused = FusionCheck.Save(model, folder, "fused.onnx");

        Assert.Equal(options.Layers, result.Count("Attention"));
        Assert.Equal(options.NoMask ? 0 : 1, model.Proto.Graph.Node.Count(n => n.OpType == "Cast"));
        Assert.All(model.Proto.Graph.Node.Where(n => n.OpType == "Attention"), n => Assert.Equal(options.NoMask ? 3 : 4, n.Input.Count));
        Assert.DoesNotContain(model.Proto.Graph.Node, n => n.OpType is "Softmax" or "Transpose" or "Reshape" or "Shape" or "Unsqueeze" or "Constant");
        var (diff, value) = FusionCheck.Compare(
            FusionCheck.Run(original, options.Hidden, withMask: !options.NoMask), FusionCheck.Run(fused, options.Hidden, withMask: !options.NoMask));
        Assert.True(diff <= 1e-5 * Math.Max(1, value), $"max |diff| {diff} (max |y| {value})");
    }

    [Fact]
    public void OrtRunsTheFusedAttentionKernel()
    {
        using var folder = new TempFolder();
        using var model = BertBlock.Build();
        FusionPass.Fuse(model);
        string fused = FusionCheck.Save(model, folder, "fused.onnx");

        var nodes = OrtSessions.OptimizedNodes(fused);

        Assert.Equal(1, OrtSessions.Count(nodes, "Attention", MicrosoftDomain.Name));
        Assert.Equal(0, OrtSessions.Count(nodes, "Softmax") + OrtSessions.Count(nodes, "MatMul"));
    }
}
