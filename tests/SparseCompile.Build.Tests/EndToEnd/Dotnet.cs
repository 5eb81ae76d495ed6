using System.Diagnostics;
using System.Text;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>What a child <c>dotnet</c> process printed and returned.</summary>
internal sealed record DotnetResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    public DotnetResult AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"dotnet exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs the dotnet CLI as a child process with no telemetry, no logo, no node reuse (a long-lived node would lock the task
/// assembly) and none of the MSBuild variables the test host's own build may have set.
/// </summary>
internal static class Dotnet
{
    public static DotnetResult Run(string workingDirectory, params string[] arguments)
    {
        var start = StartInfo(workingDirectory, arguments);
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran over 5 minutes:\n{output}");
        }

        process.WaitForExit();
        return new DotnetResult(process.ExitCode, output.ToString(), clock.Elapsed);
    }

    /// <summary>
    /// The start info of <c>dotnet arguments</c>: no telemetry, no logo, no node reuse, none of the host's MSBuild
    /// variables, output redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        return start;
    }

    /// <summary><c>dotnet build</c> with the switches every test build uses.</summary>
    public static DotnetResult Build(string workingDirectory, string project, params string[] extra) =>
        Run(workingDirectory, ["build", project, "-nodeReuse:false", "-tl:off", "-v:n", .. extra]);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
