using System.Text.Json;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class CompileCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void WritesModelManifestAndReport()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(["dense.onnx", "dense.report.html", "dense.sparsemodel.json"],
            Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void JsonMatchesTheManifest()
    {
        string model = temp.Save(Models.Conv(), "conv.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--json");
        Assert.Equal(0, result.ExitCode);

        using var json = Json.Parse(result.Stdout);
        using var manifest = Json.ParseFile(Path.Combine(output, "conv.sparsemodel.json"));
        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "model", "options", "outputs", "totals", "weights", "warnings"], Json.Names(root));
        Assert.Equal(model, root.GetProperty("model").GetString());
        Assert.Equal("2:4", root.GetProperty("options").GetProperty("sparsity").GetString());
        var outputs = root.GetProperty("outputs");
        Assert.Equal(Path.Combine(output, "conv.onnx"), outputs.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, outputs.GetProperty("externalData").ValueKind);
        Assert.Equal(Path.Combine(output, "conv.sparsemodel.json"), outputs.GetProperty("manifest").GetString());
        Assert.Equal(Path.Combine(output, "conv.report.html"), outputs.GetProperty("report").GetString());
        Assert.True(File.Exists(outputs.GetProperty("report").GetString()));

        Json.Equal(manifest.RootElement.GetProperty("totals"), root.GetProperty("totals"));
        Json.Equal(manifest.RootElement.GetProperty("weights"), root.GetProperty("weights"));
        Json.Equal(manifest.RootElement.GetProperty("warnings"), root.GetProperty("warnings"));

        var totals = root.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("prunableWeights").GetInt32());
        Assert.Equal(1, totals.GetProperty("sparsified").GetInt32());
        Assert.Equal(1, totals.GetProperty("skipped").GetInt32());
        var stem = root.GetProperty("weights")[0];
        Assert.Equal("stem", stem.GetProperty("name").GetString());
        Assert.Equal("SC2001", stem.GetProperty("skipped").GetProperty("code").GetString());

        // Warnings go to stderr as well, one line each.
        Assert.Equal("warning SC2001: " + root.GetProperty("warnings")[0].GetProperty("message").GetString(), Assert.Single(result.StderrLines));
    }

    [Fact]
    public void HumanOutputShowsPassesThenTheSummaryAndWarningsOnStderr()
    {
        string model = temp.Save(Models.Conv(), "conv.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        var passes = SparseCompile.Compiler.Pipeline.SparseCompiler.DefaultPasses().Select(p => p.Name).Append("write outputs").ToArray();
        Assert.Equal(passes.Select((name, i) => $"[{i + 1}/{passes.Length}] {name}"), lines[..passes.Length]);
        Assert.Contains($"Compiled {model} with 2:4 sparsity", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 sparsified, 1 skipped (of 2)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("63.6% → 63.6%", result.Stdout, StringComparison.Ordinal); // the stem stays dense, the body was 2:4 already
        Assert.Contains(Path.Combine(output, "conv.onnx"), result.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(output, "conv.sparsemodel.json"), result.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(output, "conv.report.html"), result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Mask retention", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("warning SC2001: weight 'stem' stays dense", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void InspectFindsEveryWeightCompliantExceptTheSkippedOnes()
    {
        foreach (var (proto, name) in new[] { (Models.Dense(), "dense"), (Models.Conv(), "conv") })
        {
            string model = temp.Save(proto, name + ".onnx");
            string output = Path.Combine(temp.Path, "out-" + name);
            Assert.Equal(0, Sparsec.Run("compile", model, "-o", output).ExitCode);
            using var manifest = Json.ParseFile(Path.Combine(output, name + ".sparsemodel.json"));
            var skipped = manifest.RootElement.GetProperty("weights").EnumerateArray()
                .Where(w => w.GetProperty("skipped").ValueKind != JsonValueKind.Null)
                .Select(w => w.GetProperty("name").GetString())
                .ToHashSet();

            var inspect = Sparsec.Run("inspect", Path.Combine(output, name + ".onnx"), "--json");
            Assert.Equal(0, inspect.ExitCode);
            using var report = Json.Parse(inspect.Stdout);
            var weights = report.RootElement.GetProperty("sparsity").GetProperty("weights").EnumerateArray().ToArray();
            Assert.NotEmpty(weights);
            foreach (var weight in weights)
            {
                bool compliant = weight.GetProperty("compliant").GetBoolean();
                Assert.True(compliant != skipped.Contains(weight.GetProperty("name").GetString()), weight.GetProperty("name").GetString());
            }
        }
    }

    [Fact]
    public void SparsityNoneWithoutMaskLeavesTheWeights()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--sparsity", "none", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        Assert.Equal("none", json.RootElement.GetProperty("options").GetProperty("sparsity").GetString());
        Assert.All(json.RootElement.GetProperty("weights").EnumerateArray(),
            w => Assert.Equal(w.GetProperty("densityBefore").GetDouble(), w.GetProperty("densityAfter").GetDouble()));
    }

    [Fact]
    public void ExcludeLeavesMatchingWeightsDenseAndWarnsAboutPatternsThatMatchNothing()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--exclude", "w_g*", "--exclude", "nothing*", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["w_g*", "nothing*"], root.GetProperty("options").GetProperty("exclude").EnumerateArray().Select(e => e.GetString()));
        var gemm = root.GetProperty("weights").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "w_gemm");
        Assert.Equal("excluded", gemm.GetProperty("skipped").GetProperty("code").GetString());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("skipped").GetInt32());
        Assert.StartsWith("warning SC2005: --exclude 'nothing*'", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelIsInvalidInputAndWritesNothing()
    {
        string model = Path.Combine(temp.Path, "missing.onnx");
        string output = Path.Combine(temp.Path, "out");
        var result = Sparsec.Run("compile", model, "-o", output, "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith($"error SC1001: {model}: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void CompiledWeightsAreTheLargestTwoOfEveryFour()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        string output = Path.Combine(temp.Path, "out");
        Assert.Equal(0, Sparsec.Run("compile", model, "-o", output).ExitCode);
        using var before = OnnxModel.Load(model);
        using var after = OnnxModel.Load(Path.Combine(output, "dense.onnx"));
        float[] dense = before.ReadInitializer("w_dense").ToSingleArray();
        float[] sparse = after.ReadInitializer("w_dense").ToSingleArray();
        Assert.Equal(Models.ZeroSmallestAlong(dense, [8, 8], axis: 0), sparse);
    }

    [Fact]
    public void OutputOverTheInputModelIsAUsageError()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        byte[] before = File.ReadAllBytes(model);
        var result = Sparsec.Run("compile", model, "-o", temp.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --output '{temp.Path}' is the folder of the model", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Equal(["dense.onnx"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
