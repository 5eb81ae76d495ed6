using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Pipeline;

/// <summary>The real models compile to 2:4, and an independent check of the output agrees with the manifest.</summary>
public class RealModelCompileTests
{
    // These tests read float weights back, so they compile without INT8.
    private static readonly QuantizationOptions FloatOnly = new() { Mode = QuantizationMode.None };

    [Fact]
    public void ResNet18CompilesTo24ExceptTheThreeChannelStem()
    {
        using var folder = new TempFolder();
        // Sparsity passes only, so the graph stays comparable initializer for initializer with the dense model.
        var result = SparseCompiler.Compile(
            new CompileOptions { Quantization = FloatOnly, ModelPath = RealModels.ResNet18Path, OutputDirectory = folder.Path },
            [new FindPrunableWeightsPass(), new LoadMaskPass(), new SparsifyPass()]);

        AssertEveryWeightCompliantOrSkipped(result.ModelPath, result.Weights);
        var skipped = Assert.Single(result.Weights, w => w.Skipped);
        Assert.Equal(CompileDiagnosticCodes.ReductionNotMultipleOfM, skipped.SkipCode);
        Assert.Equal([64L, 3, 7, 7], skipped.Dims);
        Assert.Equal(21, result.Summary.Sparsified);
        Assert.InRange(result.Summary.DensityAfter, 0.49, 0.51);
        Assert.Contains(result.Warnings, w => w.Code == CompileDiagnosticCodes.ReductionNotMultipleOfM && w.Subject == skipped.Name);
        AssertRunsLikeDense(result.ModelPath, RealModels.ResNet18Path, isImage: true);
    }

    [Fact]
    public void ResNet18DefaultPipelineFoldsBatchNormBeforePruning()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = RealModels.ResNet18Path, OutputDirectory = folder.Path });

        using var compiled = OnnxModel.Load(result.ModelPath);
        Assert.DoesNotContain(compiled.Proto.Graph.Node, n => n.OpType == "BatchNormalization");
        Assert.Equal(22, compiled.Proto.Graph.Node.Count(n => n.OpType == "Conv" && n.Input.Count == 3));
        AssertEveryWeightCompliantOrSkipped(result.ModelPath, result.Weights);
        Assert.Equal(21, result.Summary.Sparsified);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(result.ManifestPath));
        Assert.Equal(22, manifest.RootElement.GetProperty("graphChanges").EnumerateArray().Count(c => c.GetProperty("pass").GetString() == "fold-batchnorm"));
        Assert.Contains("Graph changes", File.ReadAllText(result.ReportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void MiniLMCompilesTo24OnEveryLinearWeight()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = RealModels.MiniLMPath, OutputDirectory = folder.Path });

        AssertEveryWeightCompliantOrSkipped(result.ModelPath, result.Weights);
        Assert.Equal(37, result.Weights.Count); // 36 MatMul weights and the pooler's Gemm
        Assert.All(result.Weights, w => Assert.False(w.Skipped, w.Name));
        Assert.Equal(0.5, result.Summary.DensityAfter, 3);
        AssertRunsLikeDense(result.ModelPath, RealModels.MiniLMPath, isImage: false);
    }

    [Fact]
    public void MiniLMDefaultPipelineKeeps24InTheInt8WeightsThatInspectSees()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(new CompileOptions { ModelPath = RealModels.MiniLMPath, OutputDirectory = folder.Path });

        using var compiled = OnnxModel.Load(result.ModelPath);
        var weights = PrunableWeightFinder.Find(compiled);

        // Q, K and V of each layer are packed into one QAttention weight; the other 19 linears stay MatMulInteger.
        Assert.Equal(6, weights.Count(w => w.OpType == "QAttention"));
        Assert.Equal(19, weights.Count(w => w.OpType == "MatMulInteger"));
        Assert.All(weights, w =>
        {
            Assert.Equal(Onnx.Protos.TensorProto.Types.DataType.Int8, w.ElementType);
            Assert.True(NMSparsityChecker.Check(compiled.ReadInitializer(w.Name), w.ReductionAxis, NMPattern.TwoFour).IsCompliant, w.Name);
        });
        Assert.Equal(37, result.Summary.Sparsified);
        Assert.True(result.Summary.OutputModelBytes < result.Summary.InputModelBytes * 0.3, $"{result.Summary.OutputModelBytes} of {result.Summary.InputModelBytes}");
    }

    private static void AssertEveryWeightCompliantOrSkipped(string compiledPath, IReadOnlyList<WeightOutcome> outcomes)
    {
        using var model = OnnxModel.Load(compiledPath);
        var weights = PrunableWeightFinder.Find(model);
        Assert.Equal(outcomes.Select(o => o.Name), weights.Select(w => w.Name));
        foreach (var weight in weights)
        {
            var outcome = outcomes.Single(o => o.Name == weight.Name);
            var check = NMSparsityChecker.Check(model.ReadInitializer(weight.Name), weight.ReductionAxis, NMPattern.TwoFour);
            Assert.Equal(!outcome.Skipped, check.IsCompliant);
            Assert.Equal(outcome.Compliant, check.IsCompliant);
            if (!outcome.Skipped)
            {
                CompileAssertions.AssertNM(model.ReadInitializer(weight.Name).ToSingleArray(), weight.Dims, weight.ReductionAxis, 2, 4);
            }
        }
    }

    // The compile changes weights only: running the compiled model equals running the dense model with
    // the compiled weights swapped in, which we check by loading the dense graph with the compiled values.
    private static void AssertRunsLikeDense(string compiledPath, string densePath, bool isImage)
    {
        using var folder = new TempFolder();
        string handPath = folder.File("hand.onnx");
        using (var compiled = OnnxModel.Load(compiledPath))
        using (var dense = OnnxModel.Load(densePath))
        {
            for (int i = 0; i < dense.Proto.Graph.Initializer.Count; i++)
            {
                var tensor = dense.Proto.Graph.Initializer[i];
                var replacement = compiled.Graph.FindInitializer(tensor.Name)!;
                Assert.Equal(tensor.Dims, replacement.Dims);
                dense.Proto.Graph.Initializer[i] = Onnx.Tensors.TensorFactory.Create(tensor.Name, (Onnx.Protos.TensorProto.Types.DataType)tensor.DataType,
                    tensor.Dims.ToArray(), compiled.ReadTensor(replacement).Bytes.Span);
            }

            Assert.Equal(dense.Proto.Graph.Node, compiled.Proto.Graph.Node);
            dense.Save(handPath);
        }

        if (isImage)
        {
            var image = new Dictionary<string, (float[], int[])> { ["Input247"] = (new OnnxBuilder(seed: 5).RandomValues(3 * 224 * 224, 2f), [1, 3, 224, 224]) };
            Assert.Equal(OrtRunner.Run(handPath, image).Values.Single(), OrtRunner.Run(compiledPath, image).Values.Single());
        }
        else
        {
            var tokens = new Dictionary<string, (long[], int[])>
            {
                ["input_ids"] = ([101, 7592, 2088, 102], [1, 4]),
                ["attention_mask"] = ([1, 1, 1, 1], [1, 4]),
                ["token_type_ids"] = ([0, 0, 0, 0], [1, 4]),
            };
            var expected = OrtRunner.RunInt64(handPath, tokens);
            var actual = OrtRunner.RunInt64(compiledPath, tokens);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (string output in expected.Keys)
            {
                Assert.Equal(expected[output], actual[output]);
            }
        }
    }
}
