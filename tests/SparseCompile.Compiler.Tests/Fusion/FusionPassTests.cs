using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Fusion.Support;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>When the pass runs, and what it records.</summary>
public class FusionPassTests
{
    [Theory]
    [InlineData(QuantizationMode.Dynamic, false, 1)]
    [InlineData(QuantizationMode.None, false, 0)]
    [InlineData(QuantizationMode.Static, false, 0)]
    [InlineData(QuantizationMode.None, true, 1)]
    public void RunsForOnnxRuntimeTargetedCompilesUnlessToldOtherwise(QuantizationMode mode, bool always, int attention)
    {
        using var model = BertBlock.Build();
        var pass = new FusionPass(new FusionOptions { Always = always });
        var context = new CompilationContext(model, Quantization.Support.DynamicRun.Options(mode: mode));

        pass.Run(context);

        Assert.Equal(attention, model.Proto.Graph.Node.Count(n => n.OpType == "Attention"));
        Assert.Equal(attention, pass.Result.Count("Attention"));
        Assert.Equal(attention, context.Changes.Count(c => c.Pass == "fuse-transformer"));
        Assert.All(context.Changes, c => Assert.StartsWith("Attention 'layer.0.attention.self.Attention' replaces 19 nodes", c.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void ModelWithoutTransformerBlocksIsLeftAlone()
    {
        using var model = Quantization.Support.QuantModels.Mlp();
        var before = model.Proto.Clone();

        var result = FusionPass.Fuse(model, new FusionOptions { SkipLayerNormalization = true });

        Assert.Empty(result.Fused);
        Assert.Empty(result.Skipped);
        Assert.Equal(before, model.Proto);
    }
}
