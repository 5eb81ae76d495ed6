using SparseCompile.Benchmarks.Tools;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;

namespace SparseCompile.Benchmarks.Inference;

/// <summary>
/// The models the inference benchmarks run. build/bench.sh compiles them once with <c>sparsec</c> into the folder named by
/// <see cref="FolderVariable"/> (<c>&lt;variant&gt;/&lt;model&gt;.onnx</c>, FP32 copies under <c>fp32/</c>); without that
/// variable each benchmark process compiles them with <see cref="SparseCompiler"/> into a temporary folder, with the same options.
/// </summary>
internal static class BenchModels
{
    /// <summary>The environment variable bench.sh sets to its compiled models.</summary>
    public const string FolderVariable = "SPARSECOMPILE_BENCH_MODELS";

    /// <summary>FP32 ResNet18 with a symbolic batch dimension.</summary>
    public static string ResNet18Batch(string temp) => Find("fp32", "resnet18-batch") ?? Create(Path.Combine(temp, "resnet18-batch.onnx"));

    /// <summary>A compiled variant: bench.sh's, or compiled now from <paramref name="modelPath"/> with <paramref name="sparsity"/> and <paramref name="quantization"/>.</summary>
    /// <remarks>
    /// A variant missing from bench.sh's folder is compiled into it by the first benchmark process that needs it (BenchmarkDotNet runs
    /// them one after another): the uint8-activation variant, which <c>sparsec compile --activations uint8</c> cannot produce yet.
    /// </remarks>
    public static string Variant(string variant, string modelPath, string temp, NMPattern? sparsity, QuantizationOptions quantization)
    {
        string? shared = Environment.GetEnvironmentVariable(FolderVariable);
        string folder = Path.Combine(string.IsNullOrEmpty(shared) ? temp : shared, variant);
        string path = Path.Combine(folder, Path.GetFileNameWithoutExtension(modelPath) + ".onnx");
        return File.Exists(path) ? path : SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = modelPath,
            OutputDirectory = folder,
            Sparsity = sparsity,
            Quantization = quantization,
        }).ModelPath;
    }

    private static string? Find(string variant, string model)
    {
        string? folder = Environment.GetEnvironmentVariable(FolderVariable);
        if (string.IsNullOrEmpty(folder))
        {
            return null;
        }

        string path = Path.Combine(folder, variant, model + ".onnx");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{FolderVariable} is set but {path} is missing.", path);
    }

    private static string Create(string path)
    {
        SymbolicBatch.Write(RealModels.ResNet18Path, path);
        return path;
    }
}
