using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace SparseCompile.Lottery.Tests;

/// <summary>
/// SparseCompile.Lottery is its own package: it carries the model layer and the compiler it builds on (they are not
/// published alone), depends on TorchSharp-cpu, and ships the TorchSharp load fix as build logic.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lottery-pack-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ThePackageCarriesItsToolchainAndDependsOnTorchSharp()
    {
        string repo = RepoRoot();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "pack", "src/SparseCompile.Lottery", "-c", "Release", "-o", folder, "-nodeReuse:false", "-tl:off" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);

        string package = Assert.Single(Directory.GetFiles(folder, "SparseCompile.Lottery.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var lib = zip.Entries.Select(e => e.FullName).Where(e => e.StartsWith("lib/net8.0/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["SparseCompile.Compiler.dll", "SparseCompile.Lottery.dll", "SparseCompile.Onnx.dll"], lib);
        Assert.Contains(zip.Entries, e => e.FullName == "buildTransitive/SparseCompile.Lottery.targets");

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var dependencies = Regex.Matches(nuspec.ReadToEnd(), "<dependency id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("TorchSharp-cpu", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("SparseCompile", StringComparison.Ordinal));
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SparseCompile.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SparseCompile.sln not found above the test assembly");
    }
}
