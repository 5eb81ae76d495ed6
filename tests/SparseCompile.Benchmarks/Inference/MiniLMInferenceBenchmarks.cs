using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Benchmarks.Inference;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime CPU, batch 1 and 8, 128 real tokens (sentences of the corpus run together):
/// FP32 against dynamic INT8 and 2:4 + dynamic INT8 (see <see cref="BenchModels"/>). The Ratio column is time relative to FP32 (below 1 is faster).
/// </summary>
[MemoryDiagnoser]
public class MiniLMInferenceBenchmarks
{
    private const int Tokens = 128;
    private InferenceSession fp32 = null!;
    private InferenceSession int8 = null!;
    private InferenceSession sparseInt8 = null!;
    private List<NamedOnnxValue> feeds = null!;
    private string folder = null!;

    /// <summary>Sentences per run.</summary>
    [Params(1, 8)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = OrtSessions.TempFolder("minilm");
        var dynamic = new QuantizationOptions { Mode = QuantizationMode.Dynamic };
        string dense = BenchModels.Variant("minilm-int8", RealModels.MiniLMPath, folder, sparsity: null, dynamic);
        string sparse = BenchModels.Variant("minilm-24int8", RealModels.MiniLMPath, folder, NMPattern.TwoFour, dynamic);
        fp32 = OrtSessions.Open(RealModels.MiniLMPath);
        int8 = OrtSessions.Open(dense);
        sparseInt8 = OrtSessions.Open(sparse);
        feeds = Feeds(Batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fp32.Dispose();
        int8.Dispose();
        sparseInt8.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "FP32")]
    public float Fp32() => Run(fp32);

    [Benchmark(Description = "INT8 (dynamic)")]
    public float Int8() => Run(int8);

    [Benchmark(Description = "2:4 + INT8")]
    public float Sparse24Int8() => Run(sparseInt8);

    private float Run(InferenceSession session) => OrtSessions.RunFirst(session, feeds);

    // Real text, exactly 128 tokens per row: sentences of the corpus run together, cut at 126 word pieces plus [CLS] and [SEP].
    private static List<NamedOnnxValue> Feeds(int batch)
    {
        var ids = new long[batch * Tokens];
        for (int row = 0; row < batch; row++)
        {
            var text = string.Join(' ', Sentences.All.Skip(row * 5).Concat(Sentences.All).Take(12));
            var tokens = MiniLMInputs.Tokenize([text]);
            for (int t = 0; t < Tokens; t++)
            {
                ids[(row * Tokens) + t] = t < tokens.Sequence ? tokens.InputIds[t] : 0;
            }

            ids[(row * Tokens) + Tokens - 1] = 102;
        }

        int[] dims = [batch, Tokens];
        return
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, dims)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(Enumerable.Repeat(1L, batch * Tokens).ToArray(), dims)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[batch * Tokens], dims)),
        ];
    }
}
