using SparseCompile.Onnx.IO;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class ErrorTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void MissingFileIsInvalidInputWithOneDiagnosticLine()
    {
        string path = Path.Combine(temp.Path, "missing.onnx");
        var result = Sparsec.Run("inspect", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        string line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"error SC1001: {path}: ", line, StringComparison.Ordinal);
        AssertNoStackTrace(result.Stderr);
    }

    [Fact]
    public void MissingFileWithJsonStillReportsOnStderr()
    {
        var result = Sparsec.Run("inspect", "nowhere/missing.onnx", "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("error SC1001: nowhere/missing.onnx: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptFileIsInvalidInputWithOneDiagnosticLine()
    {
        byte[] bytes = OnnxModel.FromProto(Models.Dense()).ToByteArray();
        string path = temp.Write("truncated.onnx", bytes[..(bytes.Length / 2)]);
        var result = Sparsec.Run("inspect", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith($"error SC1003: {path}: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
        AssertNoStackTrace(result.Stderr);
    }

    [Fact]
    public void EmptyFileIsInvalidInput()
    {
        string path = temp.Write("empty.onnx", []);
        var result = Sparsec.Run("inspect", path);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error SC1002: {path}: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void FolderIsNotAModelFile()
    {
        var result = Sparsec.Run("inspect", temp.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error SC1001: {temp.Path}: ", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("inspect")]
    [InlineData("inspect model.onnx --bogus")]
    [InlineData("inspect a.onnx b.onnx")]
    [InlineData("frobnicate")]
    [InlineData("inspect model.onnx --pattern 4:2")]
    [InlineData("inspect model.onnx --pattern")]
    public void UsageErrorsExitWithTwo(string commandLine)
    {
        string[] args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = Sparsec.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result.Stderr);
    }

    [Fact]
    public void UsageErrorsComeBeforeTheFileIsRead()
    {
        var result = Sparsec.Run("inspect", "missing.onnx", "--bogus");
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("SC1001", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--bogus", result.Stderr, StringComparison.Ordinal);
    }

    private static void AssertNoStackTrace(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
