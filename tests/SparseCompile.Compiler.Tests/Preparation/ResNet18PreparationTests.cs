using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Preparation;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;

namespace SparseCompile.Compiler.Tests.Preparation;

/// <summary>The real ResNet18 (CNTK export, IR 3, opset 8) brought to opset 13 and folded.</summary>
public class ResNet18PreparationTests(ITestOutputHelper output)
{
    private const double FoldTolerance = 1e-5;

    /// <summary>Seeded noise in [-2, 2], or a real photo preprocessed as ResNet18 expects.</summary>
    private static Dictionary<string, (float[] Values, int[] Dims)> Image(string source = "random") => source == "random"
        ? PreparationHarness.Input("Input247", [1, 3, 224, 224], seed: 5)
        : new() { ["Input247"] = (Photos.ResNet18Input(source), [1, 3, 224, 224]) };

    [Theory]
    [InlineData("random")]
    [InlineData("astronaut")]
    [InlineData("chelsea")]
    public void UpgradedResNet18RunsBitIdenticallyAndFoldsWithinTolerance(string source)
    {
        using var model = OnnxModel.Load(RealModels.ResNet18Path);
        var image = Image(source);
        var dense = PreparationHarness.Run(model, image);

        var upgrade = UpgradeOpsetPass.Upgrade(model);

        Assert.Equal((8L, 13L, 3L, 7L), (upgrade.FromOpset, upgrade.ToOpset, upgrade.FromIrVersion, upgrade.ToIrVersion));
        Assert.Equal(22, upgrade.NodesRewritten); // spatial dropped from every BatchNormalization
        Assert.Equal(0, upgrade.InitializersAdded);
        var upgraded = PreparationHarness.Run(model, image);
        PreparationHarness.AssertIdentical(dense, upgraded);

        var fold = FoldBatchNormPass.Fold(model);

        Assert.Equal(22, fold.Folded.Count);
        Assert.Empty(fold.Kept);
        Assert.All(fold.Folded, f => Assert.True(f.TargetOpType == "Conv" && f.BiasCreated));
        var counts = model.Proto.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["Conv"] = 22, ["Relu"] = 19, ["Add"] = 9, ["MaxPool"] = 1, ["AveragePool"] = 1 }, counts);
        Assert.All(model.Proto.Graph.Node.Where(n => n.OpType == "Conv"), c => Assert.True(c.Input.Count == 3 && model.Graph.IsInitializer(c.Input[2])));
        Assert.Equal(44, model.Proto.Graph.Initializer.Count); // 22 weights and 22 new biases; the 88 BatchNorm parameters are gone
        Assert.Equal(["Input247"], model.Proto.Graph.Input.Select(i => i.Name));
        double ratio = PreparationHarness.AssertClose(upgraded, PreparationHarness.Run(model, image), FoldTolerance);
        output.WriteLine($"ResNet18 folded, {source} input: max |diff| / max |output| = {ratio:G3}");
    }

    [Fact]
    public void ResNet18CompilesThroughUpgradeFoldAndSparsify()
    {
        string folder = Path.Combine(Path.GetTempPath(), "sparsecompile-tests", "prep-" + Guid.NewGuid().ToString("N"));
        try
        {
            var upgrade = new UpgradeOpsetPass();
            var fold = new FoldBatchNormPass();
            var result = SparseCompiler.Compile(new CompileOptions { ModelPath = RealModels.ResNet18Path, OutputDirectory = folder },
                [upgrade, fold, new FindPrunableWeightsPass(), new SparsifyPass()]);

            Assert.True(upgrade.Result!.Changed);
            Assert.Equal(22, fold.Folded.Count);
            using var compiled = OnnxModel.Load(result.ModelPath);
            Assert.Equal(13, compiled.OpsetVersion());
            Assert.DoesNotContain(compiled.Proto.Graph.Node, n => n.OpType == "BatchNormalization");
            var weights = PrunableWeightFinder.Find(compiled);
            Assert.Equal(22, weights.Count);
            Assert.All(weights, w => Assert.False(w.IsOverridableInput, w.Name));
            Assert.Equal(21, result.Summary.Sparsified); // the 7×7 stem over 3 channels stays dense
            float[] features = PreparationHarness.Run(compiled, Image()).Values.Single();
            Assert.Equal(512, features.Length);
            Assert.All(features, v => Assert.True(float.IsFinite(v)));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
