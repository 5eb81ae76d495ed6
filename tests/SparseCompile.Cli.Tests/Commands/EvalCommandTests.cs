using System.Text.Json;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class EvalCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AModelAgainstItselfPrintsATable()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        var result = Sparsec.Run("eval", model, model, "--samples", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Contains("on 3 samples (generated)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cosine 1.0000 (cosine of 'y'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonHasTheDocumentedShape()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string compiled = Path.Combine(temp.Path, "out");
        Assert.Equal(0, Sparsec.Run("compile", model, "-o", compiled).ExitCode);
        string candidate = Path.Combine(compiled, "dense.onnx");

        var result = Sparsec.Run("eval", model, candidate, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "reference", "candidate", "data", "labels", "samples", "cosine", "outputs", "accuracy"], Json.Names(root));
        Assert.Equal(model, root.GetProperty("reference").GetString());
        Assert.Equal(candidate, root.GetProperty("candidate").GetString());
        Assert.Equal("generated", root.GetProperty("data").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("labels").ValueKind);
        Assert.Equal(8, root.GetProperty("samples").GetInt32());
        var output = Assert.Single(root.GetProperty("outputs").EnumerateArray());
        Assert.Equal(["name", "shape", "metric", "meanCosine", "minCosine", "sentenceMeanCosine", "sentenceMinCosine", "maxAbsError", "top1Agreement"], Json.Names(output));
        Assert.Equal("y", output.GetProperty("name").GetString());
        Assert.Equal([1L, 12], output.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal("cosine", output.GetProperty("metric").GetString());
        double cosine = output.GetProperty("meanCosine").GetDouble();
        Assert.InRange(cosine, 0.3, 1);
        Assert.Equal(root.GetProperty("cosine").GetDouble(), cosine);
        Assert.True(output.GetProperty("maxAbsError").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, output.GetProperty("sentenceMeanCosine").ValueKind);
        Assert.InRange(output.GetProperty("top1Agreement").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("accuracy").ValueKind);
    }

    [Fact]
    public void LabelsAndDataGiveAccuracy()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string data = Path.Combine(temp.Path, "data");
        for (int i = 0; i < 4; i++)
        {
            string set = Directory.CreateDirectory(Path.Combine(data, $"test_data_set_{i}")).FullName;
            using var file = File.Create(Path.Combine(set, "input_0.pb"));
            Google.Protobuf.MessageExtensions.WriteTo(TensorFactory.Create<float>("x", [1, 16], new OnnxBuilder(seed: i).RandomValues(16)), file);
        }

        string labels = temp.Write("labels.txt", "0\n1\n2\n3\n"u8.ToArray());
        var result = Sparsec.Run("eval", model, model, "--data", data, "--labels", labels, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        var accuracy = json.RootElement.GetProperty("accuracy");
        Assert.Equal(["output", "count", "referenceCorrect", "candidateCorrect", "referenceAccuracy", "candidateAccuracy", "dropPoints"], Json.Names(accuracy));
        Assert.Equal(4, accuracy.GetProperty("count").GetInt32());
        Assert.Equal(accuracy.GetProperty("referenceCorrect").GetInt32(), accuracy.GetProperty("candidateCorrect").GetInt32());
        Assert.Equal(0, accuracy.GetProperty("dropPoints").GetDouble());
    }

    [Fact]
    public void ExitCodes()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        var missing = Sparsec.Run("eval", model, model, "--data", Path.Combine(temp.Path, "nothing"));
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("error SC1170: ", Assert.Single(missing.StderrLines), StringComparison.Ordinal);

        var usage = Sparsec.Run("eval", model, model, "--labels", "labels.txt");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--labels needs --data", usage.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Sparsec.Run("eval", model, model, "--samples", "0").ExitCode);
        Assert.Equal(2, Sparsec.Run("eval", model).ExitCode);

        var other = new OnnxBuilder();
        other.Input("x", DataType.Float, "batch", 16);
        other.Node("Identity", ["x"], "z");
        other.Output("z", DataType.Float, "batch", 16);
        string different = temp.Save(other.Build(), "other.onnx");
        var incomparable = Sparsec.Run("eval", model, different);
        Assert.Equal(1, incomparable.ExitCode);
        Assert.StartsWith("error SC3005: ", incomparable.Stderr, StringComparison.Ordinal);
    }
}
