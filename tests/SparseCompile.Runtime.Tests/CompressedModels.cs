using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Runtime.Tests;

/// <summary>Compiles models with <c>Compress = true</c> into a temp folder, as <c>sparsec compile --compress</c> does.</summary>
internal sealed class CompressedModels : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("sparse-compressed-tests-");

    public string Folder => folder.FullName;

    /// <summary>A builder model: x [4, 64] → MatMul [64, 96] → Relu → Gemm(transB) [32, 96] → y [4, 32].</summary>
    public string WriteMlp(string name)
    {
        var b = new OnnxBuilder(13, seed: 5);
        string x = b.Input("x", DataType.Float, 4, 64);
        string h = b.Relu(b.MatMul(x, 64, 96, "fc1.weight"));
        string y = b.Gemm(h, 96, 32, transB: true, weightName: "fc2.weight");
        b.Return(y, "y", DataType.Float, 4, 32);
        string path = Path.Combine(Folder, name + ".onnx");
        b.BuildModel().Save(path);
        return path;
    }

    /// <summary>A builder CNN: x [1, 8, 12, 12] → Conv 8→16 → Relu → Conv 16→16 → y.</summary>
    public string WriteCnn(string name)
    {
        var b = new OnnxBuilder(13, seed: 9);
        string x = b.Input("x", DataType.Float, 1, 8, 12, 12);
        string h = b.Relu(b.Conv(x, 8, 16, weightName: "conv1.weight"));
        string y = b.Conv(h, 16, 16, weightName: "conv2.weight");
        b.Return(y, "y", DataType.Float, 1, 16, 12, 12);
        string path = Path.Combine(Folder, name + ".onnx");
        b.BuildModel().Save(path);
        return path;
    }

    /// <summary>Compiles <paramref name="model"/> with compression into the subfolder <paramref name="output"/>.</summary>
    public CompileResult Compile(string model, string output, QuantizationMode quantization = QuantizationMode.Dynamic, string? calibration = null, int embeddingBits = 8) =>
        SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = model,
            OutputDirectory = Path.Combine(Folder, output),
            Compress = true,
            Quantization = new QuantizationOptions { Mode = quantization, CalibrationPath = calibration, EmbeddingBits = embeddingBits },
        });

    public void Dispose() => folder.Delete(recursive: true);
}
