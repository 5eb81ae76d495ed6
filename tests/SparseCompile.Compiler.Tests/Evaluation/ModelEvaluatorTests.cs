using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Evaluation;

public sealed class ModelEvaluatorTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AModelAgainstItselfIsExact()
    {
        string model = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        var result = ModelEvaluator.Evaluate(model, model, new EvaluationOptions { Samples = new SampleOptions { MaxSamples = 5 } });

        Assert.Equal(5, result.Samples);
        var y = Assert.Single(result.Outputs);
        Assert.Equal("y", y.Name);
        Assert.Equal([1L, 8], y.Dims);
        Assert.Equal(1, y.MeanCosine, 12);
        Assert.Equal(1, y.MinCosine, 12);
        Assert.Equal(0, y.MaxAbsError);
        Assert.Equal(1, y.Top1Agreement);
        Assert.Null(y.SentenceMeanCosine);
        Assert.Null(result.Accuracy);
        Assert.Equal(1, result.Cosine(), 12);
    }

    [Fact]
    public void APerturbedBiasGivesItsKnownError()
    {
        var dense = EvalModels.Mlp();
        string reference = EvalModels.Save(dense, temp.File("mlp.onnx"));
        string candidate = EvalModels.Save(EvalModels.Perturb(dense, "b", 3, 0.25f), temp.File("perturbed.onnx"));

        var y = Assert.Single(ModelEvaluator.Evaluate(reference, candidate, new EvaluationOptions()).Outputs);
        Assert.Equal(0.25, y.MaxAbsError, 5);
        Assert.InRange(y.MeanCosine, 0.5, 0.99999);
        Assert.True(y.MinCosine <= y.MeanCosine);
    }

    [Fact]
    public void SentenceEncodersGetTheMeanPooledCosine()
    {
        var dense = EvalModels.Encoder();
        string reference = EvalModels.Save(dense, temp.File("enc.onnx"));
        string candidate = EvalModels.Save(EvalModels.Perturb(dense, "w", 0, 0.5f), temp.File("enc2.onnx"));
        var options = new EvaluationOptions { Samples = new SampleOptions { MaxSamples = 3, Generation = new GenerationOptions { SequenceLength = 16 } } };

        var output = Assert.Single(ModelEvaluator.Evaluate(reference, candidate, options).Outputs);
        Assert.Equal([1L, 16, 8], output.Dims);
        Assert.NotNull(output.SentenceMeanCosine);
        Assert.InRange(output.SentenceMeanCosine!.Value, 0.5, 0.99999);
        Assert.Equal("sentence-cosine", output.HeadlineMetric);
        Assert.Null(output.Top1Agreement);
    }

    [Fact]
    public void LabelsGiveBothAccuraciesAndTheDrop()
    {
        var dense = EvalModels.Mlp();
        string reference = EvalModels.Save(dense, temp.File("mlp.onnx"));
        string candidate = EvalModels.Save(EvalModels.Perturb(dense, "b", 0, 100f), temp.File("always0.onnx")); // always predicts class 0
        string data = temp.File("data");
        var inputs = Enumerable.Range(0, 6).Select(i => new OnnxBuilder(seed: i).RandomValues(16)).ToArray();
        Data.SampleFiles.WritePbSets(data, inputs.Select(v => (IReadOnlyList<Onnx.Protos.TensorProto>)[Onnx.Tensors.TensorFactory.Create<float>("x", [1, 16], v)]));
        var predicted = inputs.Select(v => OrtRunner.Run(reference, new Dictionary<string, (float[], int[])> { ["x"] = (v, [1, 16]) })["y"])
            .Select(y => Array.IndexOf(y, y.Max())).ToArray();
        File.WriteAllLines(temp.File("labels.txt"), predicted.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var accuracy = ModelEvaluator.Evaluate(reference, candidate, new EvaluationOptions { Samples = new SampleOptions { DataPath = data }, LabelsPath = temp.File("labels.txt") }).Accuracy!;
        int zeros = predicted.Count(p => p == 0);
        Assert.Equal("y", accuracy.Output);
        Assert.Equal(6, accuracy.Count);
        Assert.Equal(1, accuracy.ReferenceAccuracy);
        Assert.Equal(zeros / 6.0, accuracy.CandidateAccuracy, 9);
        Assert.Equal((1 - (zeros / 6.0)) * 100, accuracy.DropPoints, 9);

        File.WriteAllLines(temp.File("short.txt"), ["1", "2"]);
        Assert.Equal(EvaluationDiagnosticCodes.InvalidLabels, Assert.Throws<SparseCompileException>(() =>
            ModelEvaluator.Evaluate(reference, candidate, new EvaluationOptions { Samples = new SampleOptions { DataPath = data }, LabelsPath = temp.File("short.txt") })).Code);
        File.WriteAllLines(temp.File("text.txt"), ["1", "cat"]);
        Assert.Equal(EvaluationDiagnosticCodes.InvalidLabels, Assert.Throws<SparseCompileException>(() => LabelsFile.Read(temp.File("text.txt"))).Code);
    }

    [Fact]
    public void ModelsWithDifferentOutputsCannotBeCompared()
    {
        string mlp = EvalModels.Save(EvalModels.Mlp(), temp.File("mlp.onnx"));
        var renamed = EvalModels.Mlp();
        renamed.Graph.Output[0].Name = "z";
        renamed.Graph.Node.Last().Output[0] = "z";
        string other = EvalModels.Save(renamed, temp.File("other.onnx"));

        var error = Assert.Throws<SparseCompileException>(() => ModelEvaluator.Evaluate(mlp, other, new EvaluationOptions()));
        Assert.Equal(EvaluationDiagnosticCodes.ModelsNotComparable, error.Code);
        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
    }
}
