using System.Diagnostics;

namespace SparseCompile.Testing;

/// <summary>Runs Debian's numpy (/usr/bin/python3) when the machine has it; tests check <see cref="IsAvailable"/> first.</summary>
public static class Numpy
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> Available = new(() => File.Exists(Python) && TryRun("import numpy", [], out _));

    /// <summary>True when /usr/bin/python3 exists and imports numpy.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> as sys.argv[1:]; returns stdout, or throws with python's output.</summary>
    public static string Run(string script, params string[] args) =>
        TryRun(script, args, out string output) ? output : throw new InvalidOperationException("numpy script failed: " + output);

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
