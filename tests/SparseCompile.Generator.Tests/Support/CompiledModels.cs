using Google.Protobuf;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Generator.Tests.Support;

/// <summary>
/// Models compiled for real by SparseCompile.Compiler (2:4 sparsity, dynamic INT8 by default), each once per test
/// run: small builder models and the real ResNet18 and MiniLM. Each gives its compiled model and its manifest.
/// </summary>
internal static class CompiledModels
{
    private static readonly string Root = Directory.CreateTempSubdirectory("sparsecompile-generator-tests-").FullName;
    private static readonly Lazy<CompiledModel> StaticTiny = new(() => CompileTiny("tiny", batch: 2L));
    private static readonly Lazy<CompiledModel> DynamicTiny = new(() => CompileTiny("tiny-dynamic", batch: "batch"));
    private static readonly Lazy<CompiledModel> ResNet = new(() => Compile(RealModels.ResNet18Path, "resnet18"));
    private static readonly Lazy<CompiledModel> MiniLMModel = new(() => Compile(RealModels.MiniLMPath, "minilm"));

    /// <summary>x FLOAT [2, 16] → MatMul → Relu → y FLOAT [2, 8].</summary>
    public static CompiledModel Tiny => StaticTiny.Value;

    /// <summary>x FLOAT [batch, 16] → MatMul → Relu → y FLOAT [batch, 8].</summary>
    public static CompiledModel TinyDynamic => DynamicTiny.Value;

    /// <summary>ResNet18: data_0 FLOAT [1, 3, 224, 224] → FLOAT [1, 512, 1, 1].</summary>
    public static CompiledModel ResNet18 => ResNet.Value;

    /// <summary>all-MiniLM-L6-v2: three INT64 [batch_size, sequence_length] inputs.</summary>
    public static CompiledModel MiniLM => MiniLMModel.Value;

    private static CompiledModel CompileTiny(string name, object batch)
    {
        var builder = new OnnxBuilder();
        string x = builder.Input("x", DataType.Float, batch, 16L);
        string h = builder.MatMul(x, 16, 8);
        builder.Return(builder.Relu(h), "y", DataType.Float, batch, 8L);
        string folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        string path = Path.Combine(folder, name + ".onnx");
        File.WriteAllBytes(path, builder.Build().ToByteArray());
        return Compile(path, name);
    }

    private static CompiledModel Compile(string modelPath, string name)
    {
        var result = SparseCompiler.Compile(new CompileOptions
        {
            ModelPath = modelPath,
            OutputDirectory = Path.Combine(Root, name, "out"),
            OutputName = name,
        });
        return new CompiledModel(result.ModelPath, result.ManifestPath, File.ReadAllText(result.ManifestPath));
    }
}

/// <summary>A compiled model file and its manifest.</summary>
internal sealed record CompiledModel(string ModelPath, string ManifestPath, string ManifestText)
{
    /// <summary>The manifest as an additional file with the given metadata.</summary>
    public ManifestFile Manifest(string? className = null, string? ns = null, string? load = null, string? modelPath = null) =>
        new(ManifestPath, ManifestText, className, ns, load, modelPath);
}
