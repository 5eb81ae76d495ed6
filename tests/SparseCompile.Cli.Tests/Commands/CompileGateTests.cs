using System.Text.Json;
using SparseCompile.Cli.Options;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class CompileGateTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AFailingGateExitsWithSC3001AndLeavesNoOutputs()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--min-cosine", "0.99999");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error SC3001: {model}: below --min-cosine: measured ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public void TheFallbackPassesAndReportsTheKeptWeights()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--min-cosine", "0.99999", "--fallback", "--samples", "4", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "model", "options", "outputs", "totals", "weights", "warnings", "gate"], Json.Names(root));
        var gate = root.GetProperty("gate");
        Assert.Equal(["data", "samples", "minCosine", "maxDrop", "metric", "metricOutput", "cosineBefore", "cosineAfter", "accuracyDropBefore",
            "accuracyDropAfter", "fallbackUsed", "keptDense", "keptFloat", "evaluations", "sensitivities", "final"], Json.Names(gate));
        Assert.Equal("generated", gate.GetProperty("data").GetString());
        Assert.Equal(4, gate.GetProperty("samples").GetInt32());
        Assert.True(gate.GetProperty("fallbackUsed").GetBoolean());
        Assert.True(gate.GetProperty("cosineAfter").GetDouble() >= 0.99999);
        Assert.True(gate.GetProperty("cosineBefore").GetDouble() < 0.99999);
        var kept = gate.GetProperty("keptDense").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.NotEmpty(kept);
        foreach (var weight in root.GetProperty("weights").EnumerateArray())
        {
            bool skippedByGate = weight.GetProperty("skipped") is { ValueKind: JsonValueKind.Object } skipped && skipped.GetProperty("code").GetString() == "kept-dense";
            Assert.Equal(kept.Contains(weight.GetProperty("name").GetString()), skippedByGate);
        }

        Assert.Equal(["weight", "node", "change", "cosine", "kept"], Json.Names(gate.GetProperty("sensitivities")[0]));
        Assert.True(File.Exists(Path.Combine(output, "dense.sparsemodel.json")));
    }

    [Fact]
    public void TablesShowTheGate()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        var result = Sparsec.Run("compile", model, "-o", Path.Combine(temp.Path, "out"), "--min-cosine", "0.5", "--quantize", "none");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("gate: running the input model on the samples", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Accuracy gate (min cosine 0.5) passed on 8 samples (generated)", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fallback needs a gate", "--fallback")]
    [InlineData("--max-drop needs --labels", "--max-drop", "1")]
    [InlineData("--labels needs --data", "--min-cosine", "0.9", "--labels", "l.txt")]
    [InlineData("are for the accuracy gate", "--samples", "4")]
    [InlineData("--min-cosine must be a number in [0, 1]", "--min-cosine", "2")]
    [InlineData("--calibration is only used by --quantize static", "--calibration", "cal")]
    [InlineData("--percentile is only used by --calibration-method percentile", "--quantize", "static", "--percentile", "99")]
    [InlineData("is not one of 'none', 'dynamic', 'static'", "--quantize", "int4")]
    [InlineData("--embedding-bits must be 8 or 4; got '5'", "--embedding-bits", "5")]
    [InlineData("--embedding-bits must be 8 or 4; got 'int4'", "--embedding-bits", "int4")]
    [InlineData("--embedding-bits 4 is only used by --quantize dynamic", "--quantize", "none", "--embedding-bits", "4")]
    public void UsageErrors(string message, params string[] extra)
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        var result = Sparsec.Run(["compile", model, "-o", Path.Combine(temp.Path, "out"), .. extra]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void QuantizationOptionsReachTheJson()
    {
        // The issue makes dynamic INT8 the default.
        Assert.Equal(QuantizationMode.Dynamic, QuantizeOptions.DefaultMode);
        string model = temp.Save(Models.Dense(), "dense.onnx");
        var result = Sparsec.Run("compile", model, "-o", Path.Combine(temp.Path, "out"), "--json");
        using var json = Json.Parse(result.Stdout);
        var options = json.RootElement.GetProperty("options");
        Assert.Equal("dynamic", options.GetProperty("quantize").GetString());
        Assert.Equal(JsonValueKind.Null, options.GetProperty("calibration").ValueKind);

        var none = Sparsec.Run("compile", model, "-o", Path.Combine(temp.Path, "out-none"), "--json", "--quantize", "none");
        using var noneJson = Json.Parse(none.Stdout);
        Assert.Equal("none", noneJson.RootElement.GetProperty("options").GetProperty("quantize").GetString());
    }
}
