using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Benchmarks.Inference;

/// <summary>
/// ResNet18 on ONNX Runtime CPU, batch 1 (the model's input is fixed at [1, 3, 224, 224]), on a real photograph: FP32 against static INT8 (QDQ, calibrated on the
/// calibration photos; int8 symmetric activations as TensorRT wants them, and uint8 asymmetric as ONNX Runtime's CPU
/// kernels prefer) and 2:4 + static INT8. The Ratio column is the speed-up.
/// </summary>
[MemoryDiagnoser]
public class ResNet18InferenceBenchmarks
{
    private InferenceSession fp32 = null!;
    private InferenceSession int8 = null!;
    private InferenceSession uint8 = null!;
    private InferenceSession sparseInt8 = null!;
    private List<NamedOnnxValue> feeds = null!;
    private string folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = OrtSessions.TempFolder("resnet18");
        string calibration = WriteCalibration(Path.Combine(folder, "calibration"));
        CompileResult Compile(string name, bool symmetric, bool sparse) => SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = RealModels.ResNet18Path,
            OutputDirectory = Path.Combine(folder, name),
            Sparsity = sparse ? Compiler.Analysis.NMPattern.TwoFour : null,
            Quantization = new QuantizationOptions
            {
                Mode = QuantizationMode.Static,
                CalibrationPath = calibration,
                Calibration = CalibrationMethod.Entropy,
                SymmetricActivations = symmetric,
            },
        });

        fp32 = OrtSessions.Open(RealModels.ResNet18Path);
        int8 = OrtSessions.Open(Compile("int8", symmetric: true, sparse: false).ModelPath);
        uint8 = OrtSessions.Open(Compile("uint8", symmetric: false, sparse: false).ModelPath);
        sparseInt8 = OrtSessions.Open(Compile("sparse-uint8", symmetric: false, sparse: true).ModelPath);
        feeds = [NamedOnnxValue.CreateFromTensor("Input247", new DenseTensor<float>(Photos.ResNet18Input(Photos.Holdout[0]), [1, 3, 224, 224]))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        fp32.Dispose();
        int8.Dispose();
        uint8.Dispose();
        sparseInt8.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "FP32")]
    public float Fp32() => Run(fp32);

    [Benchmark(Description = "INT8 static, int8 activations")]
    public float Int8() => Run(int8);

    [Benchmark(Description = "INT8 static, uint8 activations")]
    public float UInt8() => Run(uint8);

    [Benchmark(Description = "2:4 + INT8 static, uint8 activations")]
    public float Sparse24UInt8() => Run(sparseInt8);

    private float Run(InferenceSession session)
    {
        using var results = session.Run(feeds);
        return results[0].AsTensor<float>().GetValue(0);
    }

    private static string WriteCalibration(string folder)
    {
        for (int i = 0; i < Photos.Calibration.Count; i++)
        {
            string set = Path.Combine(folder, $"test_data_set_{i}");
            Directory.CreateDirectory(set);
            var tensor = TensorFactory.Create<float>("Input247", [1, 3, 224, 224], Photos.ResNet18Input(Photos.Calibration[i]));
            using var file = File.Create(Path.Combine(set, "input_0.pb"));
            tensor.WriteTo(file);
        }

        return folder;
    }
}
