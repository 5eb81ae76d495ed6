namespace SparseCompile.Cli.Tests.Commands;

public class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void RootHelpListsTheCommandsAndExitCodes(string flag)
    {
        var result = Sparsec.Run(flag);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("compile <model>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("inspect <model>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("mask <model>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("diff <a> <b>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("earlybird <checkpoints>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void InspectHelpDescribesArgumentAndOptions()
    {
        var result = Sparsec.Run("inspect", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sparsec inspect <model> [options]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--json", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--pattern <N:M>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2:4", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionPrintsTheVersion()
    {
        var result = Sparsec.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compile", "sparsec compile <model> [options]", "--sparsity <N:M|none>", "[default: 2:4]")]
    [InlineData("mask", "sparsec mask <model> [options]", "--density <0..1> (REQUIRED)", "--scope <layer|global>")]
    [InlineData("diff", "sparsec diff <a> <b> [options]", "--json", "Hamming")]
    [InlineData("earlybird", "sparsec earlybird <checkpoints>... [options]", "--window <count>", "[default: 0.1]")]
    public void CommandHelpDescribesArgumentsAndOptions(string command, string usage, string option, string detail)
    {
        var result = Sparsec.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(usage, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(detail, result.Stdout, StringComparison.Ordinal);
    }
}
