using SparseCompile.Testing;
using System.Text.Json;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Masks;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class MaskCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.125)]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void LayerWiseKeepsRoundDensityTimesNOfEveryWeight(double density)
    {
        var (model, values) = DenseModel();
        string masks = Path.Combine(temp.Path, "masks.npz");
        var result = Sparsec.Run("mask", model, "--density", Invariant(density), "-o", masks);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);

        var read = MaskFileReader.Read(masks);
        Assert.Equal(["w_sparse", "w_dense", "w_gemm"], read.Keys);
        foreach (var mask in read)
        {
            float[] weight = values[mask.Key];
            Assert.Equal(Math.Round(density * weight.Length, MidpointRounding.AwayFromZero), mask.CountKept());
            Assert.Equal(Dims(mask.Key), mask.Shape);
            AssertKeepsTheLargest([(weight, mask.Keep)]);
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.07)]
    public void GlobalKeepsRoundDensityTimesNOverAllWeights(double density)
    {
        var (model, values) = DenseModel();
        string masks = Path.Combine(temp.Path, "masks.npz");
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", Invariant(density), "--scope", "global", "-o", masks).ExitCode);

        var read = MaskFileReader.Read(masks);
        long total = values.Values.Sum(v => v.Length);
        Assert.Equal(Math.Round(density * total, MidpointRounding.AwayFromZero), read.Sum(m => m.CountKept()));
        AssertKeepsTheLargest(read.Select(m => (values[m.Key], m.Keep)).ToArray());
    }

    [Fact]
    public void NumpyLoadsTheFile()
    {
        var (model, _) = DenseModel();
        string masks = Path.Combine(temp.Path, "masks.npz");
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.5", "-o", masks).ExitCode);
        var read = MaskFileReader.Read(masks);
        if (!Numpy.IsAvailable)
        {
            return; // no numpy on this machine: MaskFileReader above stands in
        }

        string dump = Numpy.Run(
            "import sys, numpy as np\nz = np.load(sys.argv[1])\n"
            + "for k in z.files:\n    a = z[k]\n    print(k, a.dtype, 'x'.join(map(str, a.shape)), ''.join('1' if v else '0' for v in a.ravel()))",
            masks);
        string[] lines = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(read.Count, lines.Length);
        foreach (var (mask, line) in read.Zip(lines))
        {
            Assert.Equal($"{mask.Key} bool {string.Join('x', mask.Shape)} {string.Concat(mask.Keep.Select(k => k ? '1' : '0'))}", line);
        }
    }

    [Fact]
    public void ProjectedMasksAreNMAndKeepOnlyWhatTheUnstructuredMaskKeeps()
    {
        var (model, _) = DenseModel();
        string unstructured = Path.Combine(temp.Path, "u.npz");
        string projected = Path.Combine(temp.Path, "p.npz");
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.6", "-o", unstructured).ExitCode);
        Assert.Equal(0, Sparsec.Run("mask", model, "--density", "0.6", "--sparsity", "2:4", "-o", projected).ExitCode);
        var u = MaskFileReader.Read(unstructured);
        foreach (var mask in MaskFileReader.Read(projected))
        {
            var original = u[mask.Key];
            Assert.All(Enumerable.Range(0, mask.ElementCount), i => Assert.True(!mask.Keep[i] || original.Keep[i]));
            int axis = mask.Key == "w_gemm" ? 1 : 0;
            var asWeights = mask.Keep.Select(k => k ? 1f : 0f).ToArray();
            Assert.True(NMSparsityChecker.Check(asWeights, mask.Shape, axis, NMPattern.TwoFour).IsCompliant, mask.Key);
        }
    }

    [Fact]
    public void WeightsThatCannotBeNMKeepTheirUnstructuredMaskWithAWarning()
    {
        string model = temp.Save(Models.Conv(), "conv.onnx");
        string masks = Path.Combine(temp.Path, "masks.npz");
        var result = Sparsec.Run("mask", model, "--density", "0.5", "--sparsity", "2:4", "-o", masks, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning SC2001: weight 'stem' keeps its unstructured mask", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        using var json = Json.Parse(result.Stdout);
        var entries = json.RootElement.GetProperty("masks").EnumerateArray().ToArray();
        Assert.False(entries[0].GetProperty("patternApplied").GetBoolean());
        Assert.True(entries[1].GetProperty("patternApplied").GetBoolean());
        Assert.Equal(Math.Round(0.5 * 216, MidpointRounding.AwayFromZero), MaskFileReader.Read(masks)["stem"].CountKept());
    }

    [Fact]
    public void JsonSummarizesEveryMaskAndTheTotal()
    {
        var (model, values) = DenseModel();
        string masks = Path.Combine(temp.Path, "masks.npz");
        var result = Sparsec.Run("mask", model, "--density", "0.25", "--scope", "global", "-o", masks, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "model", "output", "density", "scope", "sparsity", "total", "masks", "warnings"], Json.Names(root));
        Assert.Equal(masks, root.GetProperty("output").GetString());
        Assert.Equal("global", root.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sparsity").ValueKind);
        var read = MaskFileReader.Read(masks);
        var total = root.GetProperty("total");
        Assert.Equal(values.Values.Sum(v => v.Length), total.GetProperty("count").GetInt64());
        Assert.Equal(read.Sum(m => m.CountKept()), total.GetProperty("keptCount").GetInt64());
        Assert.Equal(0.25, total.GetProperty("density").GetDouble());
        foreach (var (entry, mask) in root.GetProperty("masks").EnumerateArray().Zip(read))
        {
            Assert.Equal(mask.Key, entry.GetProperty("name").GetString());
            Assert.Equal(mask.CountKept(), entry.GetProperty("keptCount").GetInt64());
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("patternApplied").ValueKind);
        }
    }

    [Fact]
    public void HumanOutputListsMasksAndTheFileWritten()
    {
        var (model, _) = DenseModel();
        string masks = Path.Combine(temp.Path, "masks.npz");
        var result = Sparsec.Run("mask", model, "--density", "0.5", "-o", masks);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("w_gemm", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"144 of 288 weights kept (50.0%) in 3 masks, written to {masks}.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelIsInvalidInputAndWritesNoMaskFile()
    {
        string masks = Path.Combine(temp.Path, "masks.npz");
        var result = Sparsec.Run("mask", Path.Combine(temp.Path, "missing.onnx"), "--density", "0.5", "-o", masks);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error SC1001: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.False(File.Exists(masks));
    }

    private (string Model, Dictionary<string, float[]> Values) DenseModel()
    {
        string model = temp.Save(Models.Dense(), "dense.onnx");
        using var loaded = OnnxModel.Load(model);
        var values = new[] { "w_sparse", "w_dense", "w_gemm" }.ToDictionary(n => n, n => loaded.ReadInitializer(n).ToSingleArray());
        return (model, values);
    }

    private static long[] Dims(string name) => name switch
    {
        "w_sparse" => [16, 8],
        "w_dense" => [8, 8],
        _ => [12, 8],
    };

    /// <summary>No dropped weight is larger in magnitude than a kept one (over all the given weights together).</summary>
    private static void AssertKeepsTheLargest(IReadOnlyList<(float[] Values, bool[] Keep)> weights)
    {
        var kept = weights.SelectMany(w => w.Values.Where((_, i) => w.Keep[i])).Select(MathF.Abs).ToArray();
        var dropped = weights.SelectMany(w => w.Values.Where((_, i) => !w.Keep[i])).Select(MathF.Abs).ToArray();
        if (kept.Length > 0 && dropped.Length > 0)
        {
            Assert.True(kept.Min() >= dropped.Max(), $"kept min {kept.Min()} < dropped max {dropped.Max()}");
        }
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
