using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Runtime.Tests;

/// <summary>What <c>sparsec compile --compress</c> writes is what the runtime loads: the compiled model, byte for byte.</summary>
public sealed class CompressedArtifactTests : IDisposable
{
    private readonly CompressedModels models = new();

    public void Dispose() => models.Dispose();

    [Theory]
    [InlineData("mlp", QuantizationMode.None)]
    [InlineData("mlp", QuantizationMode.Dynamic)]
    [InlineData("cnn", QuantizationMode.None)]
    [InlineData("cnn", QuantizationMode.Dynamic)]
    public void Every_source_of_a_compressed_model_loads_the_compiled_model_byte_for_byte(string kind, QuantizationMode quantization)
    {
        var result = models.Compile(kind == "mlp" ? models.WriteMlp(kind) : models.WriteCnn(kind), "out", quantization);
        byte[] compiled = File.ReadAllBytes(result.ModelPath);
        byte[] compressed = File.ReadAllBytes(result.CompressedModelPath!);

        Assert.Equal(result.ModelPath + ".br", result.CompressedModelPath);
        Assert.Equal(compiled, SparseModelSource.FromFile(result.CompressedModelPath!).Open().Bytes);
        Assert.Equal(compiled, SparseModelSource.FromBytes(compressed, brotli: true).Open().Bytes);
        Assert.Equal(compiled, SparseModelSource.FromStream(new MemoryStream(compressed), brotli: true).Open().Bytes);
        Assert.Equal(compiled, SparseModelSource.FromResource("Models.x.onnx.br", () => new MemoryStream(compressed)).Open().Bytes);
    }

    [Fact]
    public void The_artifact_is_plain_brotli_with_an_integrity_record()
    {
        var result = models.Compile(models.WriteMlp("mlp"), "out");
        byte[] compiled = File.ReadAllBytes(result.ModelPath);
        byte[] compressed = File.ReadAllBytes(result.CompressedModelPath!);

        // Any Brotli decoder gives the model: the record is a metadata block, which decoders skip.
        Assert.Equal(compiled, ModelCompression.Decompress(result.CompressedModelPath!));
        Assert.True(BrotliIntegrity.TryRead(compressed, out long length, out var sha256));
        Assert.Equal(compiled.Length, length);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(compiled), sha256.ToArray());
        string hex = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(compiled)).ToLowerInvariant();
        Assert.Equal(hex, SparseModelSource.FromFile(result.CompressedModelPath!).Open().Sha256());
    }

    [Fact]
    public void A_compressed_model_runs_like_the_compiled_model()
    {
        var result = models.Compile(models.WriteMlp("mlp"), "out");
        var input = Enumerable.Range(0, 4 * 64).Select(i => MathF.Cos(i * 0.3f)).ToArray();

        using var plain = new SparseModelSession(result.ModelPath, new SparseModelOptions { Target = ExecutionTarget.Cpu });
        using var compressed = new SparseModelSession(result.CompressedModelPath!, new SparseModelOptions { Target = ExecutionTarget.Cpu });

        Assert.Equal(Run(plain, input), Run(compressed, input));
    }

    [Fact]
    public void Compressing_the_same_model_twice_gives_the_same_bytes()
    {
        string model = models.WriteCnn("cnn");
        var first = models.Compile(model, "a");
        var second = models.Compile(model, "b");
        byte[] compiled = File.ReadAllBytes(first.ModelPath);

        Assert.Equal(File.ReadAllBytes(first.CompressedModelPath!), File.ReadAllBytes(second.CompressedModelPath!));
        Assert.Equal(ModelCompression.Compress(compiled), ModelCompression.Compress(compiled));
    }

    private static float[] Run(SparseModelSession session, float[] input)
    {
        using var x = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(input, [4, 64]);
        using var outputs = session.Run(new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["x"] = x });
        return outputs["y"].GetTensorDataAsSpan<float>().ToArray();
    }
}
