namespace SparseCompile.Cli.Tests.Commands;

/// <summary>Bad options of compile, mask, diff and earlybird are usage errors (exit 2) found before any file is read.</summary>
public class SparsityUsageTests
{
    [Theory]
    [InlineData("compile m.onnx", "--output")]
    [InlineData("compile -o out", "Required argument missing")]
    [InlineData("compile m.onnx -o out --sparsity 4:2", "'4:2' is not an N:M pattern")]
    [InlineData("compile m.onnx -o out --sparsity half", "'half' is not an N:M pattern")]
    [InlineData("compile m.onnx -o out --sparsity", "--sparsity")]
    [InlineData("compile m.onnx -o out --exclude a b", "b")]
    [InlineData("mask m.onnx -o m.npz", "--density")]
    [InlineData("mask m.onnx --density 0.5", "--output")]
    [InlineData("mask m.onnx --density 0 -o m.npz", "--density must be in (0, 1]")]
    [InlineData("mask m.onnx --density 1.5 -o m.npz", "--density must be in (0, 1]")]
    [InlineData("mask m.onnx --density -0.5 -o m.npz", "--density must be in (0, 1]")]
    [InlineData("mask m.onnx --density abc -o m.npz", "'abc' is not a number")]
    [InlineData("mask m.onnx --density NaN -o m.npz", "'NaN' is not a number")]
    [InlineData("mask m.onnx --density 0.5 --scope local -o m.npz", "'local' is not a scope")]
    [InlineData("mask m.onnx --density 0.5 --scope 1 -o m.npz", "'1' is not a scope")]
    [InlineData("mask m.onnx --density 0.5 --sparsity 2:2 -o m.npz", "'2:2' is not an N:M pattern")]
    [InlineData("mask m.onnx --density 0.5 -o m.npy", "--output must name a .npz file")]
    [InlineData("diff a.npz", "Required argument missing")]
    [InlineData("diff a.npz b.npz c.npz", "c.npz")]
    [InlineData("earlybird --density 0.5", "Required argument missing")]
    [InlineData("earlybird a.onnx b.onnx", "--density")]
    [InlineData("earlybird a.onnx --density 2", "--density must be in (0, 1]")]
    [InlineData("earlybird a.onnx --density 0.5 --window 1", "--window must be at least 2")]
    [InlineData("earlybird a.onnx --density 0.5 --window five", "'five' is not an integer")]
    [InlineData("earlybird a.onnx --density 0.5 --threshold 1.5", "--threshold must be in [0, 1]")]
    [InlineData("earlybird a.onnx --density 0.5 --threshold -0.1", "--threshold must be in [0, 1]")]
    [InlineData("earlybird a.onnx --density 0.5 --scope all", "'all' is not a scope")]
    public void UsageErrorsExitWithTwo(string commandLine, string mentioned)
    {
        string[] args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = Sparsec.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(mentioned, result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Run 'sparsec {args[0]} --help' for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SC1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.000001")]
    [InlineData("1e-1")]
    public void DensityAcceptsEveryFractionUpToOne(string density)
    {
        var result = Sparsec.Run("mask", "missing.onnx", "--density", density, "-o", "m.npz");
        Assert.Equal(1, result.ExitCode); // past option validation: the model is missing
        Assert.StartsWith("error SC1001: missing.onnx: ", result.Stderr, StringComparison.Ordinal);
    }
}
