namespace SparseCompile.Cli.Tests.Commands;

public class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void RootHelpListsInspectAndExitCodes(string flag)
    {
        var result = Sparsec.Run(flag);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("inspect <model>", result.Stdout, StringComparison.Ordinal);
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
}
