using System.Text.Json;
using SparseCompile.Cli.Tests.Support;
using SparseCompile.Testing;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class CompileRealModelTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ResNet18CompilesToTwoFourExceptTheStem()
    {
        string output = Path.Combine(temp.Path, "out");
        var compile = Sparsec.Run("compile", RealModels.ResNet18Path, "-o", output, "--json");
        Assert.Equal(0, compile.ExitCode);
        Assert.Equal("warning SC2001: weight 'Parameter91' stays dense: its reduction length 3 (axis 1) is not a multiple of 4",
            Assert.Single(compile.StderrLines));
        using var summary = Json.Parse(compile.Stdout);
        var totals = summary.RootElement.GetProperty("totals");
        Assert.Equal(22, totals.GetProperty("prunableWeights").GetInt32());
        Assert.Equal(21, totals.GetProperty("sparsified").GetInt32());
        Assert.Equal(15_876_096, totals.GetProperty("sparsifiedParameters").GetInt64());
        Assert.Equal((15_876_096 / 2.0 + 9408) / 15_885_504, totals.GetProperty("densityAfter").GetDouble(), 6);

        string compiled = summary.RootElement.GetProperty("outputs").GetProperty("model").GetString()!;
        var inspect = Sparsec.Run("inspect", compiled, "--json");
        Assert.Equal(0, inspect.ExitCode);
        using var report = Json.Parse(inspect.Stdout);
        var weights = report.RootElement.GetProperty("sparsity").GetProperty("weights").EnumerateArray().ToArray();
        Assert.Equal(22, weights.Length);
        Assert.All(weights, w => Assert.Equal("Conv", w.GetProperty("opType").GetString()));
        var stem = Assert.Single(weights, w => !w.GetProperty("compliant").GetBoolean());
        Assert.Equal("Parameter91", stem.GetProperty("name").GetString());
        Assert.Equal("[64,3,7,7]", JsonSerializer.Serialize(stem.GetProperty("shape")));
        Assert.False(stem.GetProperty("applicable").GetBoolean());
        Assert.All(weights.Where(w => w.GetProperty("compliant").GetBoolean()), w => Assert.Equal(0.5, w.GetProperty("zeroFraction").GetDouble()));
    }
}
