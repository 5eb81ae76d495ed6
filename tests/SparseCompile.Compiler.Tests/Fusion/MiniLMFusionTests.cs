using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;

namespace SparseCompile.Compiler.Tests.Fusion;

/// <summary>all-MiniLM-L6-v2: six attention blocks fuse, the fused model embeds real sentences as the original does, and the INT8 compile runs QAttention.</summary>
public class MiniLMFusionTests(ITestOutputHelper output)
{
    private const int Layers = 6;

    [Fact]
    public void FusedMiniLMEmbedsSentencesAsTheOriginalDoes()
    {
        using var folder = new TempFolder();
        FusionResult result;
        using (var model = OnnxModel.Load(RealModels.MiniLMPath))
        {
            result = FusionPass.Fuse(model, new FusionOptions { SkipLayerNormalization = true });
            model.Save(folder.File("fused.onnx"));
        }

        Assert.Equal(Layers, result.Count("Attention"));
        Assert.Equal(2 * Layers, result.Count("SkipLayerNormalization"));
        Assert.Single(result.Skipped); // the embeddings' layer norm: word + position embeddings of different shapes, no residual

        var (mean, min, maxDiff) = Compare(RealModels.MiniLMPath, folder.File("fused.onnx"));
        output.WriteLine($"fused vs original FP32 over {Sentences.All.Count} sentences: cosine mean {mean:F7}, min {min:F7}; max |Δ last_hidden_state| {maxDiff:G3}");
        Assert.True(min >= 0.9999, $"smallest cosine {min}");
        Assert.True(maxDiff <= 1e-3, $"max |diff| {maxDiff}");

        var batch = MiniLMInputs.Tokenize(Sentences.All.Take(8).ToArray());
        using var original = OrtSessions.Open(RealModels.MiniLMPath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        using var fused = OrtSessions.Open(folder.File("fused.onnx"), GraphOptimizationLevel.ORT_ENABLE_ALL);
        var a = SentenceEmbedding.MeanPool(OrtSessions.Run(original, longs: batch.Feeds)["last_hidden_state"], batch.AttentionMask, batch.Batch, batch.Sequence);
        var b = SentenceEmbedding.MeanPool(OrtSessions.Run(fused, longs: batch.Feeds)["last_hidden_state"], batch.AttentionMask, batch.Batch, batch.Sequence);
        Assert.All(Enumerable.Range(0, batch.Batch), i => Assert.True(SentenceEmbedding.Cosine(a[i], b[i]) >= 0.9999, $"padded batch sentence {i}"));
    }

    [Fact]
    public void DefaultFusionLeavesTheLayerNormsToOnnxRuntime()
    {
        using var model = OnnxModel.Load(RealModels.MiniLMPath);

        var result = FusionPass.Fuse(model);

        Assert.Equal(Layers, result.Count("Attention"));
        Assert.Equal(Layers, model.Proto.Graph.Node.Count(n => n.OpType == "Attention"));
        Assert.Equal(0, model.Proto.Graph.Node.Count(n => n.OpType is "Softmax" or "Transpose" or "Reshape"));
        Assert.Equal(Layers * 3, model.Proto.Graph.Node.Count(n => n.OpType == "MatMul")); // output dense and the two FFN layers
        Assert.Equal(Layers, FusedSources(model).Count);
        Assert.Equal(3 * Layers, FusedSources(model).SelectMany(s => s).Distinct().Count());
    }

    [Fact]
    public void Int8CompileRunsQAttentionAndKeepsTheEmbeddings()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(Options(folder, sparsity: null), Passes());

        var (mean, min, _) = Compare(RealModels.MiniLMPath, result.ModelPath);
        output.WriteLine($"fused INT8 vs FP32 over {Sentences.All.Count} sentences: cosine mean {mean:F5}, min {min:F5}");
        Assert.True(mean >= 0.99, $"mean cosine {mean}");

        var nodes = OrtSessions.OptimizedNodes(result.ModelPath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        output.WriteLine($"ORT optimized graph: {string.Join(", ", nodes.GroupBy(n => n.OpType).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Equal(Layers, OrtSessions.Count(nodes, "QAttention", MicrosoftDomain.Name));
        Assert.Equal(3 * Layers + 1, OrtSessions.Count(nodes, "DynamicQuantizeMatMul", MicrosoftDomain.Name) + OrtSessions.Count(nodes, "MatMulIntegerToFloat", MicrosoftDomain.Name));
        Assert.DoesNotContain(nodes, n => n.OpType is "Softmax" or "Transpose" or "MatMul" or "FusedMatMul" or "MatMulInteger" or "Attention");
        Assert.Equal(37, result.Weights.Count); // the manifest lists the 37 weights found before fusion, under their own names
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(result.ManifestPath));
        Assert.Equal(Layers, manifest.RootElement.GetProperty("graphChanges").EnumerateArray().Count(c => c.GetProperty("pass").GetString() == "fuse-transformer"));
    }

    [Fact]
    public void Sparse24Int8CompileKeeps24InThePackedQAttentionWeights()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(Options(folder, NMPattern.TwoFour), Passes());

        using var compiled = OnnxModel.Load(result.ModelPath);
        var graph = compiled.Proto.Graph;
        var attentionWeights = graph.Node.Where(n => n.OpType == "QAttention").Select(n => n.Input[1]).ToArray();
        var matmulWeights = graph.Node.Where(n => n.OpType == "MatMulInteger").Select(n => n.Input[1]).Distinct().ToArray();
        Assert.Equal(Layers, attentionWeights.Length);
        Assert.Equal(3 * Layers + 1, matmulWeights.Length);
        foreach (string name in attentionWeights.Concat(matmulWeights))
        {
            var data = compiled.ReadInitializer(name);
            Assert.Equal(Onnx.Protos.TensorProto.Types.DataType.Int8, data.ElementType);
            CompileAssertions.AssertNM(data.AsSpan<sbyte>().ToArray().Select(v => (float)v).ToArray(), data.Dims, 0, 2, 4);
        }

        Assert.All(attentionWeights, name => Assert.Equal([384L, 1152], compiled.ReadInitializer(name).Dims));
        var (mean, min, _) = Compare(RealModels.MiniLMPath, result.ModelPath);
        output.WriteLine($"2:4 + fused INT8 vs dense FP32: cosine mean {mean:F5}, min {min:F5} (magnitude pruning without fine-tuning)");
    }

    private static CompileOptions Options(TempFolder folder, NMPattern? sparsity) => new()
    {
        ModelPath = RealModels.MiniLMPath,
        OutputDirectory = folder.Path,
        Sparsity = sparsity,
        Quantization = new QuantizationOptions { Mode = QuantizationMode.Dynamic },
    };

    private static IReadOnlyList<ICompilerPass> Passes() =>
        [new FindPrunableWeightsPass(), new LoadMaskPass(), new SparsifyPass(), new FusionPass(), new DynamicQuantizationPass()];

    private static List<IReadOnlyList<string>> FusedSources(OnnxModel model) =>
        model.Proto.Graph.Initializer.Select(FusedWeightSources.Of).Where(s => s.Count > 0).ToList();

    /// <summary>Mean and smallest sentence-embedding cosine, and the largest hidden-state difference, one sentence per run.</summary>
    private static (double Mean, double Min, double MaxDiff) Compare(string referencePath, string candidatePath)
    {
        using var reference = OrtSessions.Open(referencePath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        using var candidate = OrtSessions.Open(candidatePath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        var cosines = new List<double>();
        double maxDiff = 0;
        foreach (string sentence in Sentences.All)
        {
            var inputs = MiniLMInputs.Tokenize([sentence]);
            var a = OrtSessions.Run(reference, longs: inputs.Feeds)["last_hidden_state"];
            var b = OrtSessions.Run(candidate, longs: inputs.Feeds)["last_hidden_state"];
            maxDiff = Math.Max(maxDiff, a.Zip(b, (x, y) => Math.Abs(x - y)).Max());
            cosines.Add(SentenceEmbedding.Cosine(
                SentenceEmbedding.MeanPool(a, inputs.AttentionMask, 1, inputs.Sequence)[0], SentenceEmbedding.MeanPool(b, inputs.AttentionMask, 1, inputs.Sequence)[0]));
        }

        return (cosines.Average(), cosines.Min(), maxDiff);
    }
}
