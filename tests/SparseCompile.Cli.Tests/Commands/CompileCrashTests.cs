using System.Diagnostics;
using System.Security.Cryptography;
using SparseCompile.Testing;
using Xunit.Abstractions;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Commands;

/// <summary>
/// Issue 7 item 4: <c>sparsec compile</c> run as a real process and SIGKILLed at seeded pseudo-random points across a
/// compile. A manifest never sits beside outputs it does not describe, the next compile succeeds with the reference
/// bytes, and a successful compile leaves no staging folder, lock file or temporary file behind.
/// </summary>
public sealed class CompileCrashTests(ITestOutputHelper log) : IDisposable
{
    private const string Name = "big";
    private const int KillPoints = 8;
    private static readonly string[] Outputs = [$"{Name}.onnx", $"{Name}.onnx.br", $"{Name}.report.html", $"{Name}.sparsemodel.json"];
    private static readonly string[] OldOutputs = [$"{Name}.onnx", $"{Name}.report.html", $"{Name}.sparsemodel.json"];
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void KilledCompilesNeverLeaveAManifestBesideOtherOutputsAndTheNextCompileMatchesTheReference()
    {
        string model = temp.Save(BigModel(), Name + ".onnx");
        string tmp = Directory.CreateDirectory(Path.Combine(temp.Path, "tmp")).FullName;

        // The previous outputs a killed compile replaces (dense, uncompressed), and the reference of the new compile.
        string old = Path.Combine(temp.Path, "old");
        var duration = RunToEnd(tmp, model, old, "--sparsity", "none");
        var oldFiles = Snapshot(old);
        Assert.Equal(OldOutputs, oldFiles.Keys);
        string reference = Path.Combine(temp.Path, "reference");
        var compile = RunToEnd(tmp, model, reference, "--compress");
        duration = compile < duration ? compile : duration;
        var expected = Snapshot(reference);
        Assert.Equal(Outputs, expected.Keys);
        Assert.NotEqual(oldFiles[$"{Name}.onnx"], expected[$"{Name}.onnx"]);

        // One kill point in each eighth of 120 % of a compile's duration (the last ones land in the write phase or after
        // it), seeded. The duration is the shortest compile seen so far: on a shared machine one run can be slowed down.
        var random = new Random(7_0004);
        double[] fractions = Enumerable.Range(0, KillPoints).Select(i => 1.2 * (i + random.NextDouble()) / KillPoints).ToArray();
        log.WriteLine($"reference compile {duration.TotalMilliseconds:F0} ms; kill points (fraction of a compile): {string.Join(", ", fractions.Select(f => f.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");

        for (int i = 0; i < fractions.Length; i++)
        {
            var point = duration * fractions[i];
            string output = Path.Combine(temp.Path, $"out-{i}");
            Directory.CreateDirectory(output);
            foreach (string file in OldOutputs)
            {
                File.Copy(Path.Combine(old, file), Path.Combine(output, file));
            }

            using (var process = Start(tmp, model, output, "--compress"))
            {
                Thread.Sleep(point);
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.WaitForExit();
            }

            // A manifest stands only beside the complete set it was written with: all old or all new, never a mix.
            var state = Snapshot(output);
            string outcome;
            if (!state.ContainsKey($"{Name}.sparsemodel.json"))
            {
                outcome = "no manifest";
            }
            else if (state.Where(f => !f.Key.StartsWith('.')).SequenceEqual(oldFiles))
            {
                outcome = "old outputs";
            }
            else
            {
                Assert.Equal(expected, state.Where(f => !f.Key.StartsWith('.')));
                outcome = "new outputs";
            }

            // The next compile succeeds, gives the reference bytes and removes what the killed one left.
            var rerun = RunToEnd(tmp, model, output, "--compress");
            log.WriteLine($"kill at {point.TotalMilliseconds:F0} ms: {outcome}; leftovers: {string.Join(" ", state.Keys.Where(k => k.StartsWith('.')))}; next compile {rerun.TotalMilliseconds:F0} ms");
            duration = rerun < duration ? rerun : duration;
            Assert.Equal(expected, Snapshot(output));
            Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
        }
    }

    [Fact]
    public void ACompileRemovesStaleStagingOfItsNameOnlyAndNeverALiveOne()
    {
        string model = temp.Save(Models.Dense(), Name + ".onnx");
        string output = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;
        string Staging(string name, bool withLock)
        {
            string path = Path.Combine(output, $".{name}.staging-{Guid.NewGuid():N}");
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, name + ".onnx"), "half written");
            if (withLock)
            {
                File.WriteAllText(path + ".lock", string.Empty);
            }

            return path;
        }

        string killed = Staging(Name, withLock: true);
        string lockless = Staging(Name, withLock: false);
        string live = Staging(Name, withLock: true);
        string otherName = Staging("other", withLock: true);
        string notOurs = Path.Combine(output, $".{Name}.staging-notaguid");
        Directory.CreateDirectory(notOurs);

        // A compile of the same name still running holds its lock (an OS file lock, here in this process).
        using (new FileStream(live + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var compile = Sparsec.Run("compile", model, "-o", output);
            Assert.True(compile.ExitCode == 0, compile.Stderr);
        }

        Assert.False(Directory.Exists(killed));
        Assert.False(File.Exists(killed + ".lock"));
        Assert.False(Directory.Exists(lockless));
        Assert.True(Directory.Exists(live) && File.Exists(live + ".lock"));
        Assert.True(Directory.Exists(otherName) && File.Exists(otherName + ".lock"));
        Assert.True(Directory.Exists(notOurs));

        // Once the live compile is gone, the next compile removes its leftovers too.
        var again = Sparsec.Run("compile", model, "-o", output);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.False(Directory.Exists(live) || File.Exists(live + ".lock"));
        Assert.Equal(
            new[] { Path.GetFileName(notOurs), Path.GetFileName(otherName), Path.GetFileName(otherName) + ".lock" }.Order(StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(output, ".*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>x [1, 512] through eight 512×512 MatMuls: 8 MiB of weights, a compile of a few hundred ms.</summary>
    private static Onnx.Protos.ModelProto BigModel()
    {
        var b = new OnnxBuilder(opset: 13, seed: 11);
        string h = b.Input("x", DataType.Float, 1, 512);
        for (int i = 0; i < 8; i++)
        {
            h = b.MatMul(h, 512, 512, weightName: $"w{i}");
        }

        b.Return(h, "y", DataType.Float, 1, 512);
        return b.Build();
    }

    private static Process Start(string tmp, string model, string output, params string[] extra) => Start(tmp, model, output, new System.Text.StringBuilder(), extra);

    private static Process Start(string tmp, string model, string output, System.Text.StringBuilder stderr, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[Path.Combine(AppContext.BaseDirectory, "sparsec.dll"), "compile", model, "-o", output, .. extra])
        {
            start.ArgumentList.Add(argument);
        }

        // Temporary files go to a folder of ours (checked empty after each compile); no diagnostics socket is left there.
        start.Environment["TMPDIR"] = tmp;
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static TimeSpan RunToEnd(string tmp, string model, string output, params string[] extra)
    {
        var clock = Stopwatch.StartNew();
        var stderr = new System.Text.StringBuilder();
        using var process = Start(tmp, model, output, stderr, extra);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "sparsec compile ran over 2 minutes");
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sparsec compile exited with {process.ExitCode}:\n{stderr}");
        return clock.Elapsed;
    }

    /// <summary>Every entry of <paramref name="folder"/> by name (ordinal order) with the SHA-256 of a file, or "folder".</summary>
    private static SortedDictionary<string, string> Snapshot(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder))
        {
            result[Path.GetFileName(entry)] = Directory.Exists(entry) ? "folder" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry)));
        }

        return result;
    }
}
