using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;

namespace SparseCompile.Compiler.Tests.Quantization;

/// <summary>all-MiniLM-L6-v2 compiled to dynamic INT8: size, sentence-embedding fidelity on real sentences, ORT's fused kernels, 2:4 kept.</summary>
public class MiniLMDynamicTests(ITestOutputHelper output)
{
    /// <summary>36 encoder MatMuls and the pooler's Gemm.</summary>
    private const int LinearWeights = 37;

    [Fact]
    public void DenseMiniLMQuantizesToAQuarterOfItsSizeWithFaithfulEmbeddings()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(Options(folder, sparsity: null), DynamicRun.CompilePasses());

        long fp32 = new FileInfo(RealModels.MiniLMPath).Length;
        long int8 = CompiledBytes(result.ModelPath);
        double ratio = (double)int8 / fp32;
        output.WriteLine($"size: FP32 {fp32:N0} B, INT8 {int8:N0} B, ratio {ratio:P2}");
        Assert.True(ratio <= 0.26, $"INT8 model is {ratio:P2} of FP32");

        var (mean, min) = EmbeddingCosines(result.ModelPath);
        output.WriteLine($"sentence-embedding cosine vs FP32 over {Sentences.All.Count} sentences: mean {mean:F5}, min {min:F5}");
        Assert.True(mean >= 0.99, $"mean cosine {mean}");

        using (var compiled = OnnxModel.Load(result.ModelPath))
        {
            var quantized = compiled.Proto.Graph.Initializer.Where(i => i.DataType == (int)Onnx.Protos.TensorProto.Types.DataType.Int8).Select(i => i.Name).ToArray();
            Assert.Equal(LinearWeights + 3, quantized.Length); // and the word, position and token-type embedding tables
            Assert.DoesNotContain(compiled.Proto.Graph.Node, n => n.OpType is "MatMul" or "Gemm" && compiled.Graph.IsInitializer(n.Input[1]));
        }

        var nodes = OrtSessions.OptimizedNodes(result.ModelPath);
        int fused = OrtSessions.Count(nodes, "MatMulIntegerToFloat", "com.microsoft") + OrtSessions.Count(nodes, "DynamicQuantizeMatMul", "com.microsoft");
        output.WriteLine($"ORT optimized graph: {fused} fused INT8 MatMuls, ops {string.Join(", ", nodes.GroupBy(n => n.OpType).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Equal(LinearWeights, fused);
        Assert.Equal(0, OrtSessions.Count(nodes, "MatMulInteger"));
        Assert.DoesNotContain(nodes, n => n.OpType is "MatMul" or "Gemm" or "FusedMatMul" && n.Input.Count > 1 && n.Input[1].EndsWith("_quantized", StringComparison.Ordinal));
    }

    [Fact]
    public void SparseMiniLMKeeps24InItsInt8Weights()
    {
        using var folder = new TempFolder();
        var result = SparseCompiler.Compile(Options(folder, NMPattern.TwoFour), DynamicRun.CompilePasses());

        using var compiled = OnnxModel.Load(result.ModelPath);
        var integerWeights = compiled.Proto.Graph.Node.Where(n => n.OpType == "MatMulInteger").Select(n => n.Input[1]).Distinct().ToArray();
        Assert.Equal(LinearWeights, integerWeights.Length);
        foreach (string name in integerWeights)
        {
            var data = compiled.ReadInitializer(name);
            var values = data.AsSpan<sbyte>().ToArray().Select(v => (float)v).ToArray();
            CompileAssertions.AssertNM(values, data.Dims, 0, 2, 4);
        }

        var (mean, min) = EmbeddingCosines(result.ModelPath);
        output.WriteLine($"2:4 + INT8 sentence-embedding cosine vs dense FP32: mean {mean:F5}, min {min:F5} (magnitude pruning without fine-tuning)");
    }

    private static CompileOptions Options(TempFolder folder, NMPattern? sparsity) => new()
    {
        ModelPath = RealModels.MiniLMPath,
        OutputDirectory = folder.Path,
        Sparsity = sparsity,
        Quantization = new QuantizationOptions { Mode = QuantizationMode.Dynamic },
    };

    private static long CompiledBytes(string modelPath) =>
        new FileInfo(modelPath).Length + (File.Exists(modelPath + ".data") ? new FileInfo(modelPath + ".data").Length : 0);

    /// <summary>Mean and smallest cosine between FP32 and compiled sentence embeddings, one sentence per run, both with ORT's full optimizations.</summary>
    private static (double Mean, double Min) EmbeddingCosines(string compiledPath)
    {
        using var fp32 = OrtSessions.Open(RealModels.MiniLMPath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        using var int8 = OrtSessions.Open(compiledPath, GraphOptimizationLevel.ORT_ENABLE_ALL);
        var cosines = new List<double>();
        foreach (string sentence in Sentences.All)
        {
            var inputs = MiniLMInputs.Tokenize([sentence]);
            cosines.Add(SentenceEmbedding.Cosine(Embed(fp32, inputs), Embed(int8, inputs)));
        }

        return (cosines.Average(), cosines.Min());
    }

    private static float[] Embed(InferenceSession session, MiniLMInputs inputs)
    {
        var states = OrtSessions.Run(session, longs: inputs.Feeds)["last_hidden_state"];
        return SentenceEmbedding.MeanPool(states, inputs.AttentionMask, inputs.Batch, inputs.Sequence)[0];
    }
}
