using System.Diagnostics;
using System.Text.Json;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;

namespace SparseCompile.Benchmarks.Profiling;

/// <summary>
/// <c>compile-profile --calibration &lt;dir&gt; --out &lt;file.json&gt; [--runs N]</c>: compiles each model and variant in this
/// process with <see cref="SparseCompiler"/>'s default passes, each pass wrapped in a <see cref="TimedPass"/>, and writes
/// per-phase wall time, MB/s of FP32 weights and peak memory (<see cref="PhaseSampler"/>). One unmeasured warm-up compile
/// of each variant runs first (JIT); then N measured runs (default 3); the reported run is the one with the median total time.
/// A full garbage collection precedes every run.
/// </summary>
public static class CompileProfile
{
    /// <summary>Runs the command.</summary>
    public static int Run(string[] args)
    {
        string calibration = Arg(args, "--calibration") ?? throw new ArgumentException("--calibration <dir> is required");
        string output = Arg(args, "--out") ?? throw new ArgumentException("--out <file.json> is required");
        int runs = int.Parse(Arg(args, "--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        string folder = Path.Combine(Path.GetTempPath(), "sparsecompile-bench", "profile-" + Environment.ProcessId);
        var staticInt8 = new QuantizationOptions { Mode = QuantizationMode.Static, CalibrationPath = calibration };
        var variants = new (string Model, string Variant, string Path, NMPattern? Sparsity, QuantizationOptions Quantization)[]
        {
            ("all-MiniLM-L6-v2", "INT8 (dynamic)", RealModels.MiniLMPath, null, new QuantizationOptions { Mode = QuantizationMode.Dynamic }),
            ("all-MiniLM-L6-v2", "2:4 + INT8 (dynamic)", RealModels.MiniLMPath, NMPattern.TwoFour, new QuantizationOptions { Mode = QuantizationMode.Dynamic }),
            ("ResNet18", "INT8 (static)", RealModels.ResNet18Path, null, staticInt8),
            ("ResNet18", "2:4 + INT8 (static)", RealModels.ResNet18Path, NMPattern.TwoFour, staticInt8),
        };

        var results = new List<ProfileResult>();
        try
        {
            foreach (var v in variants)
            {
                long weightBytes = Fp32WeightBytes(v.Path);
                var options = new CompileOptions
                {
                    ModelPath = v.Path,
                    OutputDirectory = Path.Combine(folder, "out"),
                    Sparsity = v.Sparsity,
                    Quantization = v.Quantization,
                };
                Measure(options);
                var measured = Enumerable.Range(0, runs).Select(_ => Measure(options)).OrderBy(r => r.Sum(p => p.Seconds)).ToList();
                var median = measured[measured.Count / 2];
                double total = median.Sum(p => p.Seconds);
                results.Add(new ProfileResult(v.Model, v.Variant, weightBytes, total, weightBytes / 1e6 / total,
                    measured.Select(r => r.Sum(p => p.Seconds)).ToArray(), median
                        .Select(p => new PhaseResult(p.Name, p.Seconds, weightBytes / 1e6 / p.Seconds, p.PeakWorkingSet, p.PeakManagedHeap))
                        .ToArray()));
                Console.WriteLine($"{v.Model}, {v.Variant}: {total:F2} s, {weightBytes / 1e6 / total:F1} MB/s");
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var document = new ProfileDocument(runs, PhaseSampler.IntervalMs, ReadPeakResident(), results);
        File.WriteAllText(output, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        return 0;
    }

    /// <summary>Bytes of the model's FLOAT initializers.</summary>
    public static long Fp32WeightBytes(string modelPath)
    {
        using var model = OnnxModel.Load(modelPath);
        return model.Proto.Graph.Initializer.Where(t => t.DataType == 1).Sum(model.ByteCountOf);
    }

    private static IReadOnlyList<PhaseMeasure> Measure(CompileOptions options)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var sampler = new PhaseSampler();
        sampler.Begin("load");
        SparseCompiler.Compile(options, TimedPass.Wrap(SparseCompiler.DefaultPasses(), sampler));
        sampler.End();
        return sampler.Phases;
    }

    private static long? ReadPeakResident()
    {
        const string file = "/proc/self/status";
        if (!File.Exists(file))
        {
            return null;
        }

        string? line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    internal static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>The compile-profile JSON document.</summary>
public sealed record ProfileDocument(int Runs, int SampleIntervalMs, long? ProcessPeakResidentBytes, IReadOnlyList<ProfileResult> Results);

/// <summary>One model and variant: the median run.</summary>
public sealed record ProfileResult(string Model, string Variant, long Fp32WeightBytes, double TotalSeconds, double MegabytesPerSecond,
    double[] RunSeconds, IReadOnlyList<PhaseResult> Phases);

/// <summary>One phase of the median run.</summary>
public sealed record PhaseResult(string Name, double Seconds, double MegabytesPerSecond, long PeakWorkingSetBytes, long PeakManagedHeapBytes);
