using System.Diagnostics;

namespace SparseCompile.Cli.Tests.Support;

/// <summary>Debian's numpy at /usr/bin/python3, when the machine has it; tests check <see cref="IsAvailable"/> and skip the numpy part otherwise.</summary>
internal static class Numpy
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> Available = new(() => File.Exists(Python) && TryRun("import numpy", [], out _));

    public static bool IsAvailable => Available.Value;

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> as sys.argv[1:]; returns stdout, or fails the test.</summary>
    public static string Run(string script, params string[] args)
    {
        Assert.True(TryRun(script, args, out string output), output);
        return output;
    }

    private static bool TryRun(string script, string[] args, out string output)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                output = $"python exited with {process.ExitCode}: {stderr.Result}";
                return false;
            }

            return true;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            return false;
        }
    }
}
