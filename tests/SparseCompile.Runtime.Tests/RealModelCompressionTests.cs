using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;

namespace SparseCompile.Runtime.Tests;

/// <summary>
/// The shipped size of the real models (issue 5, item 4: the 2:4 + INT8 model Brotli-compressed against the dense FP32 file),
/// and the runtime loading exactly the compiled bytes back. Sizes only: nothing here is timed.
/// </summary>
public sealed class RealModelCompressionTests : IDisposable
{
    private readonly CompressedModels models = new();
    private readonly ITestOutputHelper output;

    public RealModelCompressionTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => models.Dispose();

    [Fact]
    public void ResNet18_static_int8_ships_at_least_six_times_smaller_and_loads_byte_for_byte()
    {
        var result = models.Compile(RealModels.ResNet18Path, "resnet18", QuantizationMode.Static, WriteCalibration());

        double ratio = Ratio(RealModels.ResNet18Path, result.ModelPath, result.CompressedModelPath!);
        Assert.True(ratio >= 6, $"ResNet18 2:4 + static INT8 ships only {ratio:F2}x smaller than the FP32 file");
        Assert.Equal(File.ReadAllBytes(result.ModelPath), SparseModelSource.FromFile(result.CompressedModelPath!).Open().Bytes);
    }

    [Fact]
    public void MiniLM_dynamic_int8_ships_at_least_five_times_smaller_and_loads_byte_for_byte()
    {
        // Six times is out of reach without changing the numerics: the dense int8 word-embedding table alone is 10.8 MB of
        // 7.4-bit entropy (see docs/compressed-models.md). This guards what lossless compression reaches; 4-bit embeddings
        // (below) reach six times.
        var result = models.Compile(RealModels.MiniLMPath, "minilm");

        double ratio = Ratio(RealModels.MiniLMPath, result.ModelPath, result.CompressedModelPath!);
        Assert.True(ratio >= 5, $"MiniLM 2:4 + dynamic INT8 ships only {ratio:F2}x smaller than the FP32 file");
        Assert.Equal(File.ReadAllBytes(result.ModelPath), SparseModelSource.FromFile(result.CompressedModelPath!).Open().Bytes);
    }

    [Fact]
    public void MiniLM_dynamic_int8_with_4bit_embeddings_ships_at_least_six_times_smaller_and_loads_byte_for_byte()
    {
        // Measured: 12,532,305 bytes, 7.25x (8-bit embeddings: 18,039,092 bytes, 5.04x).
        var result = models.Compile(RealModels.MiniLMPath, "minilm-e4", embeddingBits: 4);

        double ratio = Ratio(RealModels.MiniLMPath, result.ModelPath, result.CompressedModelPath!);
        Assert.True(ratio >= 6, $"MiniLM 2:4 + dynamic INT8 + 4-bit embeddings ships only {ratio:F2}x smaller than the FP32 file");
        Assert.Equal(File.ReadAllBytes(result.ModelPath), SparseModelSource.FromFile(result.CompressedModelPath!).Open().Bytes);
    }

    private double Ratio(string original, string compiled, string compressed)
    {
        long dense = new FileInfo(original).Length;
        long shipped = new FileInfo(compressed).Length;
        output.WriteLine($"{Path.GetFileName(original)}: FP32 {dense} bytes, compiled {new FileInfo(compiled).Length}, Brotli {shipped} ({(double)dense / shipped:F2}x)");
        return (double)dense / shipped;
    }

    // The ONNX model zoo layout the compiler reads: <dir>/test_data_set_N/input_0.pb.
    private string WriteCalibration()
    {
        string folder = Path.Combine(models.Folder, "calibration");
        for (int i = 0; i < Photos.Calibration.Count; i++)
        {
            string set = Path.Combine(folder, $"test_data_set_{i}");
            Directory.CreateDirectory(set);
            var tensor = TensorFactory.Create<float>("Input247", [1, 3, 224, 224], Photos.ResNet18Input(Photos.Calibration[i]));
            File.WriteAllBytes(Path.Combine(set, "input_0.pb"), Google.Protobuf.MessageExtensions.ToByteArray(tensor));
        }

        return folder;
    }
}
