using System.Diagnostics;

namespace SparseCompile.Cli.Tests.Support;

/// <summary>
/// Runs sparsec as a real process: <c>dotnet sparsec.dll</c> from the test's output folder (the project reference copies it
/// there with its runtimeconfig), so exit codes, stderr and anything a crash would print are the real ones.
/// </summary>
internal static class SparsecProcess
{
    public static Sparsec.Result Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sparsec.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sparsec {string.Join(' ', args)} ran over 2 minutes");
        }

        process.WaitForExit();
        return new Sparsec.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Sparsec.Result Run(params string[] args) => Run(null, args);
}
