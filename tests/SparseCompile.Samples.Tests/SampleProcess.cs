using System.Diagnostics;
using System.Text;

// Each sample run builds src/ projects: two at once would fight over the same obj/ and bin/ files.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SparseCompile.Samples.Tests;

/// <summary>Runs a sample the way its README says: <c>dotnet run --project samples/X -c Release -- args</c> from the repository root.</summary>
internal static class SampleProcess
{
    /// <summary>The repository root: the first folder above the test assembly that holds SparseCompile.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Runs the sample with <paramref name="args"/>; kills it and fails after <paramref name="timeout"/>.</summary>
    public static SampleResult Run(string sample, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["run", "--project", $"samples/{sample}", "-c", "Release", "--", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        // A test run's MSBuild settings must not leak into the sample's build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        // No build nodes or build server left behind holding the redirected output open after the sample exits.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"dotnet run --project samples/{sample} did not finish in {timeout.TotalSeconds:F0} s. Output so far:\n{Text(output)}");
        }

        process.WaitForExit(); // Flushes the redirected streams.
        return new SampleResult(process.ExitCode, Text(output), clock.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparseCompile.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SparseCompile.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What a sample run returned.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved line by line.</param>
/// <param name="Elapsed">Wall time, the build included.</param>
public sealed record SampleResult(int ExitCode, string Output, TimeSpan Elapsed);
