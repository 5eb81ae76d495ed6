using System.Globalization;

namespace SparseCompile.Cli.Tests.Rendering;

public sealed class TableRendererTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void RendersEverySectionWithoutAnsiCodes()
    {
        var result = Sparsec.Run("inspect", temp.Save(Models.Dense()));
        Assert.Equal(0, result.ExitCode);
        string output = result.Stdout;
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("SparseCompile.Testing 1", output, StringComparison.Ordinal);
        Assert.Contains("ai.onnx 13", output, StringComparison.Ordinal);
        Assert.Contains("[batch, 16]", output, StringComparison.Ordinal);
        Assert.Contains("Parameters: 300 (1.2 KiB) in 4 initializers", output, StringComparison.Ordinal);
        Assert.Contains("b_gemm", output, StringComparison.Ordinal);
        Assert.Contains("2 of 3 weights already satisfy 2:4.", output, StringComparison.Ordinal);
        Assert.Contains("16 / 16", output, StringComparison.Ordinal);
        Assert.Matches(@"w_sparse\s*│\s*MatMul\s*│\s*\[16, 8\]\s*│\s*0\s*│\s*50\.0%\s*│\s*yes", output);
        Assert.Matches(@"w_dense\s*│\s*MatMul\s*│\s*\[8, 8\]\s*│\s*0\s*│\s*0\.0%\s*│\s*no", output);
        Assert.Matches(@"w_gemm\s*│\s*Gemm\s*│\s*\[12, 8\]\s*│\s*1\s*│", output);
        Assert.All(output.Split('\n'), line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public void MarksNotApplicableWeights()
    {
        var result = Sparsec.Run("inspect", temp.Save(Models.Conv()));
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"stem\s*│\s*Conv\s*│\s*\[8, 3, 3, 3\]\s*│\s*1\s*│[^\n]*│\s*n/a\s*│\s*-\s*│", result.Stdout);
        Assert.Contains("1 cannot be 2:4", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersIgnoreTheCurrentCulture()
    {
        string path = temp.Save(Models.Dense());
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var human = Sparsec.Run("inspect", path);
            Assert.Contains("(1.2 KiB)", human.Stdout, StringComparison.Ordinal);
            Assert.Contains("50.0%", human.Stdout, StringComparison.Ordinal);
            var json = Sparsec.Run("inspect", path, "--json");
            Assert.Contains("\"zeroFraction\": 0.5,", json.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
