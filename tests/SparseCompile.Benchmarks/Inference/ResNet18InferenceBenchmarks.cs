using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Benchmarks.Tools;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Benchmarks.Inference;

/// <summary>
/// ResNet18 on ONNX Runtime CPU, batch 1 and 8 of real photographs (the holdout photos, repeated). The model's input is
/// fixed at [1, 3, 224, 224], so every variant, FP32 included, is compiled from a copy whose batch dimension is symbolic
/// (<see cref="SymbolicBatch"/>): FP32 against static INT8 (QDQ, calibrated on the calibration photos, int8 symmetric
/// activations: sparsec's default) and 2:4 + static INT8, plus 2:4 + static INT8 with uint8 asymmetric activations (what
/// ONNX Runtime's CPU kernels prefer). The Ratio column is time relative to FP32 (below 1 is faster).
/// </summary>
[MemoryDiagnoser]
public class ResNet18InferenceBenchmarks
{
    private InferenceSession fp32 = null!;
    private InferenceSession int8 = null!;
    private InferenceSession sparseInt8 = null!;
    private InferenceSession sparseUInt8 = null!;
    private List<NamedOnnxValue> feeds = null!;
    private string folder = null!;

    /// <summary>Photographs per run.</summary>
    [Params(1, 8)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = OrtSessions.TempFolder("resnet18");
        string model = BenchModels.ResNet18Batch(folder);
        string calibration = Path.Combine(folder, "calibration");
        BenchData.WritePhotos(calibration, Photos.Calibration);

        QuantizationOptions Static(bool symmetric) => new()
        {
            Mode = QuantizationMode.Static,
            CalibrationPath = calibration,
            SymmetricActivations = symmetric,
        };

        fp32 = OrtSessions.Open(model);
        int8 = OrtSessions.Open(BenchModels.Variant("resnetb-int8", model, folder, sparsity: null, Static(symmetric: true)));
        sparseInt8 = OrtSessions.Open(BenchModels.Variant("resnetb-24int8", model, folder, NMPattern.TwoFour, Static(symmetric: true)));
        sparseUInt8 = OrtSessions.Open(BenchModels.Variant("resnetb-24uint8", model, folder, NMPattern.TwoFour, Static(symmetric: false)));
        var image = new float[Batch * 3 * 224 * 224];
        for (int i = 0; i < Batch; i++)
        {
            Photos.ResNet18Input(Photos.Holdout[i % Photos.Holdout.Count]).CopyTo(image, i * 3 * 224 * 224);
        }

        feeds = [NamedOnnxValue.CreateFromTensor("Input247", new DenseTensor<float>(image, [Batch, 3, 224, 224]))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fp32.Dispose();
        int8.Dispose();
        sparseInt8.Dispose();
        sparseUInt8.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "FP32")]
    public float Fp32() => Run(fp32);

    [Benchmark(Description = "INT8 (static)")]
    public float Int8() => Run(int8);

    [Benchmark(Description = "2:4 + INT8 (static)")]
    public float Sparse24Int8() => Run(sparseInt8);

    [Benchmark(Description = "2:4 + INT8 (static, uint8 activations)")]
    public float Sparse24UInt8() => Run(sparseUInt8);

    private float Run(InferenceSession session) => OrtSessions.RunFirst(session, feeds);
}
