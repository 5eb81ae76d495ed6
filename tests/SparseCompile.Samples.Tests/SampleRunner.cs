using System.Diagnostics;
using System.Text;

namespace SparseCompile.Samples.Tests;

/// <summary>Runs a sample as the README does: <c>dotnet run --project samples/&lt;name&gt; -c Release -- &lt;args&gt;</c>.</summary>
internal static class SampleRunner
{
    /// <summary>The repository root: the nearest folder above the test assembly that holds SparseCompile.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Runs the sample and returns its exit code and everything it printed (stdout, then stderr).</summary>
    public static (int ExitCode, string Output) Run(string sample, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])["run", "--project", $"samples/{sample}", "-c", "Release", "--", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout}\n{stdout}{stderr}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.ToString() + stderr);
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
