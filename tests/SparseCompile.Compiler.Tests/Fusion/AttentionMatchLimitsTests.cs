using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Tests.Fusion.Support;
using SparseCompile.Compiler.Tests.Pipeline;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>Blocks that differ from the BERT form in meaning are left exactly as they were, and still run.</summary>
public class AttentionMatchLimitsTests
{
    [Theory]
    [InlineData("heads merged with another perm", "merged back")]
    [InlineData("causal mask on top of the padding mask", "not scaled Q·Kᵀ plus a key-padding mask")]
    [InlineData("Q and K share a weight", "projected by a MatMul with its own")]
    [InlineData("softmax over the query axis", "not over the last axis")]
    [InlineData("probabilities are a graph output", "not only multiplied by V")]
    [InlineData("mask adds a positive value", "not a finite negative number")]
    public void VariantStaysUntouched(string variant, string reason)
    {
        var options = variant switch
        {
            "heads merged with another perm" => new BertBlockOptions { MergePerm = [0, 2, 3, 1] },
            "causal mask on top of the padding mask" => new BertBlockOptions { Causal = true },
            "Q and K share a weight" => new BertBlockOptions { SharedQueryKeyWeight = true },
            "softmax over the query axis" => new BertBlockOptions { SoftmaxAxis = 2 },
            "probabilities are a graph output" => new BertBlockOptions { ProbabilitiesAsOutput = true },
            _ => new BertBlockOptions { MaskFilter = 10000f },
        };
        using var folder = new TempFolder();
        using var model = BertBlock.Build(options);
        var before = model.Proto.Clone();

        var result = FusionPass.Fuse(model);

        Assert.Empty(result.Fused);
        Assert.Equal(before, model.Proto);
        var skip = Assert.Single(result.Skipped);
        Assert.Contains(reason, skip.Reason, StringComparison.Ordinal);
        Assert.Equal(FusionCheck.Batch * FusionCheck.Sequence * options.Hidden, FusionCheck.Run(FusionCheck.Save(model, folder, "variant.onnx"), options.Hidden).Length);
    }

    [Fact]
    public void ValueNeededOutsideTheBlockKeepsItUnfused()
    {
        using var model = BertBlock.Build();
        var graph = model.Proto.Graph;
        string scores = graph.Node.First(n => n.OpType == "MatMul" && n.Input[0].StartsWith("transpose", StringComparison.Ordinal)).Output[0];
        graph.Node.Add(new Onnx.Protos.NodeProto { OpType = "Shape", Name = "outside", Input = { scores }, Output = { "scores_shape" } });
        graph.Output.Add(new Onnx.Protos.ValueInfoProto { Name = "scores_shape" });
        var before = model.Proto.Clone();

        var result = FusionPass.Fuse(model);

        Assert.Empty(result.Fused);
        Assert.Equal(before, model.Proto);
        Assert.Contains("also read by 'outside'", Assert.Single(result.Skipped).Reason, StringComparison.Ordinal);
    }
}
