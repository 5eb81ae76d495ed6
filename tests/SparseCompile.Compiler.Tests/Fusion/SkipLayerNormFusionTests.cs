using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Tests.Fusion.Support;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>Residual Add + written-out layer normalization becomes com.microsoft SkipLayerNormalization when asked for.</summary>
public class SkipLayerNormFusionTests
{
    private static readonly FusionOptions Both = new() { SkipLayerNormalization = true };

    [Fact]
    public void ResidualLayerNormBecomesOneNodeWithTheBiasFoldedIn()
    {
        using var folder = new TempFolder();
        using var model = BertBlock.Build(new BertBlockOptions { ResidualLayerNorm = true, Layers = 2 });
        string original = FusionCheck.Save(model, folder, "block.onnx");

        var result = FusionPass.Fuse(model, Both);
        string fused = FusionCheck.Save(model, folder, "fused.onnx");

        Assert.Equal(2, result.Count("Attention"));
        Assert.Equal(2, result.Count("SkipLayerNormalization"));
        var graph = model.Proto.Graph;
        Assert.Equal(["Cast", "Attention", "MatMul", "SkipLayerNormalization", "Attention", "MatMul", "SkipLayerNormalization"], graph.Node.Select(n => n.OpType));
        var norm = graph.Node[3];
        Assert.Equal(MicrosoftDomain.Name, norm.Domain);
        Assert.Equal([graph.Node[2].Output[0], "x", "layer.0.attention.output.LayerNorm.weight", "layer.0.attention.output.LayerNorm.bias",
            "layer.0.attention.output.dense.bias"], norm.Input);
        Assert.Equal(1e-12f, norm.Attribute.Single(a => a.Name == "epsilon").F);
        var (diff, value) = FusionCheck.Compare(FusionCheck.Run(original, 64), FusionCheck.Run(fused, 64));
        Assert.True(diff <= 1e-4 * Math.Max(1, value), $"max |diff| {diff} (max |y| {value})");
        Assert.Equal(2, OrtSessions.Count(OrtSessions.OptimizedNodes(fused), "SkipLayerNormalization", MicrosoftDomain.Name));
    }

    [Fact]
    public void ByDefaultOnlyAttentionIsFused()
    {
        using var model = BertBlock.Build(new BertBlockOptions { ResidualLayerNorm = true });

        var result = FusionPass.Fuse(model);

        Assert.Equal(1, result.Count("Attention"));
        Assert.Equal(0, result.Count("SkipLayerNormalization"));
        Assert.Contains(model.Proto.Graph.Node, n => n.OpType == "ReduceMean");
    }

    [Fact]
    public void SumNeededElsewhereStaysUnfused()
    {
        using var model = BertBlock.Build(new BertBlockOptions { ResidualLayerNorm = true });
        var graph = model.Proto.Graph;
        string sum = graph.Node.First(n => n.OpType == "ReduceMean").Input[0];
        graph.Output.Add(new Onnx.Protos.ValueInfoProto { Name = sum });

        var result = FusionPass.Fuse(model, Both);

        Assert.Equal(0, result.Count("SkipLayerNormalization"));
        Assert.Equal(2, graph.Node.Count(n => n.OpType == "ReduceMean"));
    }

    [Fact]
    public void BroadcastResidualStaysUnfused()
    {
        using var model = BertBlock.Build(new BertBlockOptions { ResidualLayerNorm = true });
        var graph = model.Proto.Graph;
        var residual = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains("x"));
        residual.Input[residual.Input.IndexOf("x")] = "position";
        graph.Input.Add(new Onnx.Protos.ValueInfoProto { Name = "position", Type = graph.Input[0].Type.Clone() });
        graph.Input[^1].Type.TensorType.Shape.Dim[0].DimValue = 1;

        var result = FusionPass.Fuse(model, Both);

        Assert.Equal(0, result.Count("SkipLayerNormalization"));
        Assert.Contains(result.Skipped, s => s.Reason.Contains("sum of two", StringComparison.Ordinal));
    }
}
