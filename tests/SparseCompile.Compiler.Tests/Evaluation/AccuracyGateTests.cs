using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Tests.Evaluation;

public sealed class AccuracyGateTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private CompileOptions Options(string model) => new()
    {
        ModelPath = model,
        OutputDirectory = temp.File("out"),
        Quantization = new QuantizationOptions { Mode = QuantizationMode.None },
    };

    [Fact]
    public void ATooHighMinimumFailsWithSC3001AndWritesNothing()
    {
        string model = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        var error = Assert.Throws<SparseCompileException>(() =>
            AccuracyGate.Compile(Options(model), new AccuracyGateOptions { MinCosine = 0.99999 }));

        Assert.Equal(EvaluationDiagnosticCodes.CosineBelowMinimum, error.Code);
        Assert.StartsWith("below --min-cosine: measured 0.", error.Message, StringComparison.Ordinal);
        Assert.Contains("< 0.99999", error.Message, StringComparison.Ordinal);
        Assert.Equal(model, error.FilePath);
        Assert.False(Directory.Exists(temp.File("out")) && Directory.EnumerateFileSystemEntries(temp.File("out")).Any());
    }

    [Fact]
    public void APassingGateWritesTheCompile()
    {
        string model = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        var result = AccuracyGate.Compile(Options(model), new AccuracyGateOptions { MinCosine = 0.1 });

        Assert.True(File.Exists(result.Compile.ManifestPath));
        Assert.False(result.Gate.FallbackUsed);
        Assert.Empty(result.Gate.KeptDense);
        Assert.Equal(2, result.Compile.Summary.Sparsified);
        Assert.Equal(SampleOptions.DefaultGeneratedCount, result.Gate.Samples);

        // The written model measures what the gate measured in memory.
        var written = ModelEvaluator.Evaluate(model, result.Compile.ModelPath, new EvaluationOptions());
        Assert.Equal(result.Gate.CosineAfter, written.Cosine(), 9);
    }

    [Fact]
    public void TheFallbackKeepsTheMostSensitiveWeightsDense()
    {
        string model = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        var result = AccuracyGate.Compile(Options(model), new AccuracyGateOptions { MinCosine = 0.99999, Fallback = true });
        var gate = result.Gate;

        Assert.True(gate.FallbackUsed);
        Assert.True(gate.CosineBefore < 0.99999);
        Assert.True(gate.CosineAfter >= 0.99999);
        Assert.NotEmpty(gate.KeptDense);
        Assert.Equal(2, gate.Sensitivities.Count);
        Assert.All(gate.Sensitivities, s => Assert.Equal("pruned", s.Change));
        Assert.Equal(gate.KeptDense, gate.Sensitivities.Where(s => s.Kept).Select(s => s.Weight));
        Assert.True(gate.Sensitivities[0].Loss >= gate.Sensitivities[1].Loss);

        // The written model keeps exactly those weights dense, with the gate's reason.
        foreach (var weight in result.Compile.Weights)
        {
            bool kept = gate.KeptDense.Contains(weight.Name);
            Assert.Equal(kept, weight.SkipCode == "kept-dense");
        }

        var written = ModelEvaluator.Evaluate(model, result.Compile.ModelPath, new EvaluationOptions());
        Assert.True(written.Cosine() >= 0.99999);

        // The manifest records the decision.
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(result.Compile.ManifestPath));
        var recorded = manifest.RootElement.GetProperty("accuracyGate");
        Assert.True(recorded.GetProperty("fallbackUsed").GetBoolean());
        Assert.Equal(gate.KeptDense, recorded.GetProperty("keptDense").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Math.Round(gate.CosineBefore, 6), recorded.GetProperty("cosineBefore").GetDouble());
        Assert.Equal(0.99999, recorded.GetProperty("minCosine").GetDouble());
        Assert.Equal(2, recorded.GetProperty("sensitivities").GetArrayLength());
    }

    [Fact]
    public void AnAccuracyDropOverTheMaximumFailsWithSC3002()
    {
        string model = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        string data = temp.File("data");
        var inputs = Enumerable.Range(0, 20).Select(i => new Testing.OnnxBuilder(seed: 100 + i).RandomValues(16)).ToArray();
        Data.SampleFiles.WritePbSets(data, inputs.Select(v => (IReadOnlyList<Onnx.Protos.TensorProto>)[Onnx.Tensors.TensorFactory.Create<float>("x", [1, 16], v)]));

        // Labels the dense model gets right: any loss is a drop.
        var reference = inputs.Select(v => Testing.OrtRunner.Run(model, new Dictionary<string, (float[], int[])> { ["x"] = (v, [1, 16]) })["y"]).ToArray();
        File.WriteAllLines(temp.File("labels.txt"), reference.Select(y => Array.IndexOf(y, y.Max()).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var gate = new AccuracyGateOptions { Samples = new SampleOptions { DataPath = data }, LabelsPath = temp.File("labels.txt"), MaxDrop = 0 };

        var before = ModelEvaluator.Evaluate(model, model, new EvaluationOptions { Samples = gate.Samples, LabelsPath = gate.LabelsPath });
        Assert.Equal(0, before.Accuracy!.DropPoints);
        try
        {
            var result = AccuracyGate.Compile(Options(model), gate);
            Assert.True(result.Gate.Final.Accuracy!.DropPoints <= 0); // 2:4 happened to change no prediction
        }
        catch (SparseCompileException e)
        {
            Assert.Equal(EvaluationDiagnosticCodes.AccuracyDropTooLarge, e.Code);
            Assert.StartsWith("above --max-drop: accuracy dropped ", e.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(temp.File("out")));
        }
    }

    [Fact]
    public void BadGateOptionsAreRefused()
    {
        string model = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        Assert.Equal(CompileDiagnosticCodes.InvalidOption, Assert.Throws<SparseCompileException>(() =>
            AccuracyGate.Compile(Options(model), new AccuracyGateOptions())).Code);
        Assert.Equal(CompileDiagnosticCodes.InvalidOption, Assert.Throws<SparseCompileException>(() =>
            AccuracyGate.Compile(Options(model), new AccuracyGateOptions { MaxDrop = 1 })).Code);
        Assert.Equal(CompileDiagnosticCodes.InvalidOption, Assert.Throws<SparseCompileException>(() =>
            AccuracyGate.Compile(Options(model) with { OutputDirectory = temp.Path }, new AccuracyGateOptions { MinCosine = 0.5 })).Code);
    }
}
