using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Naming;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Pipeline;

public class CompileBehaviourTests
{
    // These tests read float weights back, so they compile without INT8.
    private static readonly QuantizationOptions FloatOnly = new() { Mode = QuantizationMode.None };

    [Fact]
    public void SameInputsGiveByteIdenticalOutputs()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Unscoped())
        {
            model.Save(modelPath);
        }

        var first = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.File("a") });
        var second = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.File("b") });

        Assert.Equal(File.ReadAllBytes(first.ModelPath), File.ReadAllBytes(second.ModelPath));
        Assert.Equal(File.ReadAllBytes(first.ManifestPath), File.ReadAllBytes(second.ManifestPath));
        Assert.Equal(File.ReadAllBytes(first.ReportPath), File.ReadAllBytes(second.ReportPath));
    }

    [Fact]
    public void ExcludedWeightsStayUntouchedAndUnusedPatternsWarn()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
        }

        var original = CompileAssertions.PrunableValues(modelPath);
        var result = SparseCompiler.Compile(new CompileOptions
        {
            Quantization = FloatOnly,
            ModelPath = modelPath,
            OutputDirectory = folder.File("out"),
            Exclude = ["/encoder/layer.0/output/*", "nothing.matches.*"],
        });

        var compiled = CompileAssertions.PrunableValues(result.ModelPath);
        Assert.Equal(original["onnx::MatMul_102"], compiled["onnx::MatMul_102"]);
        Assert.NotEqual(original["onnx::MatMul_101"], compiled["onnx::MatMul_101"]);
        Assert.Equal("excluded", result.Weights.Single(w => w.Name == "onnx::MatMul_102").SkipCode);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(CompileDiagnosticCodes.ExcludeMatchedNothing, warning.Code);
        Assert.Equal("nothing.matches.*", warning.Subject);
    }

    [Fact]
    public void ManifestDescribesTheContract()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
        }

        var result = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.File("out") });
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(result.ManifestPath));
        var root = manifest.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal("x", input.GetProperty("name").GetString());
        Assert.Equal("FLOAT", input.GetProperty("elementType").GetString());
        Assert.Equal("[\"batch\",8]", input.GetProperty("shape").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal));
        var source = Assert.Single(root.GetProperty("sources").EnumerateArray());
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(modelPath))).ToLowerInvariant(),
            source.GetProperty("sha256").GetString());
        Assert.Equal("2:4", root.GetProperty("options").GetProperty("sparsity").GetString());
        Assert.Equal(2, root.GetProperty("weights").GetArrayLength());
        Assert.DoesNotContain(folder.Path, File.ReadAllText(result.ManifestPath), StringComparison.Ordinal);
        string report = File.ReadAllText(result.ReportPath);
        Assert.Contains("<svg", report, StringComparison.Ordinal);
        Assert.Contains("onnx::MatMul_101", report, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadMasks => new()
    {
        { "corrupt.npz", "SC1105" },
        { "unknown-key.npz", CompileDiagnosticCodes.MaskKeyUnmatched },
        { "wrong-shape.npz", CompileDiagnosticCodes.MaskShapeMismatch },
        { "collision.npz", CompileDiagnosticCodes.MaskKeyCollision },
        { "missing.npz", "SC1100" },
    };

    [Theory]
    [MemberData(nameof(BadMasks))]
    public void BadMaskFileGivesItsCodeAndLeavesNoOutputs(string maskName, string code)
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
        }

        string maskPath = folder.File(maskName);
        WriteBadMask(maskName, maskPath);
        string output = folder.File("out");

        var error = Assert.Throws<SparseCompileException>(() => SparseCompiler.Compile(new CompileOptions
        {
            Quantization = FloatOnly,
            ModelPath = modelPath,
            OutputDirectory = output,
            MaskPath = maskPath,
        }));

        Assert.Equal(code, error.Code);
        Assert.Equal(maskPath, error.FilePath);
        Assert.True(!Directory.Exists(output) || Directory.GetFileSystemEntries(output).Length == 0, "outputs were left behind");
    }

    private static void WriteBadMask(string name, string path)
    {
        MaskTensor Mask(string key, long[] shape) => new(key, shape, new bool[shape.Aggregate(1L, (a, b) => a * b)]);
        switch (name)
        {
            case "corrupt.npz":
                File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
                break;
            case "unknown-key.npz":
                NpzWriter.Write(new MaskSet(path, [Mask("encoder.layer.0.attention.self.qery.weight", [16, 8])]), path);
                break;
            case "wrong-shape.npz":
                NpzWriter.Write(new MaskSet(path, [Mask("encoder.layer.0.attention.self.query.weight", [8, 8])]), path);
                break;
            case "collision.npz":
                NpzWriter.Write(new MaskSet(path, [Mask("encoder.layer.0.attention.self.query.weight", [16, 8]), Mask("onnx::MatMul_101", [8, 16])]), path);
                break;
        }
    }

    [Fact]
    public void ReductionNotMultipleOfMStaysDenseWithAWarningNamingIt()
    {
        using var folder = new TempFolder();
        var b = new OnnxBuilder(opset: 13);
        string x = b.Input("x", DataType.Float, 1L, 6L);
        string y = b.MatMul(x, 6, 8, "odd_weight");
        b.Return(y, "y", DataType.Float, 1L, 8L);
        string modelPath = folder.File("odd.onnx");
        using (var model = b.BuildModel())
        {
            model.Save(modelPath);
        }

        var result = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.File("out"), Sparsity = new NMPattern(2, 4) });

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(CompileDiagnosticCodes.ReductionNotMultipleOfM, warning.Code);
        Assert.Equal("odd_weight", warning.Subject);
        Assert.Equal(CompileAssertions.PrunableValues(modelPath)["odd_weight"], CompileAssertions.PrunableValues(result.ModelPath)["odd_weight"]);
    }

    [Fact]
    public void NonFiniteWeightsWarnAndNaNIsKept()
    {
        using var folder = new TempFolder();
        var b = new OnnxBuilder(opset: 13);
        string x = b.Input("x", DataType.Float, 1L, 4L);
        float[] weights = [float.NaN, 1f, 2f, 3f, 0.5f, 0.25f, float.PositiveInfinity, 0.1f];
        string w = b.Initializer("w", [4L, 2L], weights);
        string y = b.Node("MatMul", [x, w]);
        b.Return(y, "y", DataType.Float, 1L, 2L);
        string modelPath = folder.File("nan.onnx");
        using (var model = b.BuildModel())
        {
            model.Save(modelPath);
        }

        var result = SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.File("out") });

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(CompileDiagnosticCodes.NonFiniteWeights, warning.Code);
        Assert.Contains("2 NaN or infinite", warning.Message, StringComparison.Ordinal);
        float[] compiled = CompileAssertions.PrunableValues(result.ModelPath)["w"];

        // Column 0 runs NaN, 2, 0.5, +inf down the reduction axis: NaN and +inf are the two largest.
        Assert.True(float.IsNaN(compiled[0]));
        Assert.Equal(float.PositiveInfinity, compiled[6]);
        Assert.Equal(0f, compiled[2]);
        Assert.Equal(0f, compiled[4]);
    }

    [Fact]
    public void CompilingOverTheInputModelIsRefusedAndLeavesItIntact()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
        }

        byte[] before = File.ReadAllBytes(modelPath);
        var error = Assert.Throws<SparseCompileException>(() =>
            SparseCompiler.Compile(new CompileOptions { Quantization = FloatOnly, ModelPath = modelPath, OutputDirectory = folder.Path }));

        Assert.Equal(CompileDiagnosticCodes.InvalidOption, error.Code);
        Assert.Equal(before, File.ReadAllBytes(modelPath));
        Assert.Equal(["model.onnx"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void CompressWritesABrotliModelThatDecompressesToTheCompiledModel()
    {
        using var folder = new TempFolder();
        string modelPath = folder.File("model.onnx");
        using (var model = TorchExportModels.Scoped())
        {
            model.Save(modelPath);
        }

        var plain = SparseCompiler.Compile(new CompileOptions { ModelPath = modelPath, OutputDirectory = folder.File("plain") });
        var first = SparseCompiler.Compile(new CompileOptions { ModelPath = modelPath, OutputDirectory = folder.File("a"), Compress = true });
        var second = SparseCompiler.Compile(new CompileOptions { ModelPath = modelPath, OutputDirectory = folder.File("b"), Compress = true });

        Assert.Null(plain.CompressedModelPath);
        Assert.False(File.Exists(plain.ModelPath + ".br"));
        Assert.Equal(first.ModelPath + ".br", first.CompressedModelPath);
        Assert.Equal(File.ReadAllBytes(first.ModelPath), SparseCompile.Compiler.Output.ModelCompression.Decompress(first.CompressedModelPath!));
        Assert.Equal(File.ReadAllBytes(first.CompressedModelPath!), File.ReadAllBytes(second.CompressedModelPath!));
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(first.ManifestPath));
        Assert.Equal(new FileInfo(first.CompressedModelPath!).Length, manifest.RootElement.GetProperty("totals").GetProperty("compressedModelBytes").GetInt64());

        // Compiling again without compression removes the stale compressed model.
        var again = SparseCompiler.Compile(new CompileOptions { ModelPath = modelPath, OutputDirectory = folder.File("a") });
        Assert.False(File.Exists(first.CompressedModelPath));
        Assert.Null(again.CompressedModelPath);
    }
}
