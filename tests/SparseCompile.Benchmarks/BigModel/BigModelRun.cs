using System.Diagnostics;
using System.Globalization;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Benchmarks.BigModel;

/// <summary>
/// <c>big-model --sparsec &lt;sparsec.dll&gt; [--gib 4.25] [--folder DIR] [--limit-mib 1536] [--keep]</c>: writes a model with
/// more than 4 GB of FP32 weights in external data (<see cref="BigModelWriter"/>), compiles it to 2:4 + dynamic INT8
/// with the real <c>sparsec</c> in a child process, and reports the compile's wall time and peak resident memory (the
/// kernel's high-water mark). Then every INT8 weight is checked to be 2:4 along K, and ONNX Runtime loads and runs both
/// models on one input. Exits 1 when the peak exceeds the limit, a weight is not 2:4, or the outputs disagree.
/// </summary>
internal static class BigModelRun
{
    public static int Run(string[] args)
    {
        string? sparsec = Option(args, "--sparsec");
        if (sparsec is null || !File.Exists(sparsec))
        {
            Console.Error.WriteLine("usage: big-model --sparsec <path to sparsec.dll> [--gib 4.25] [--folder DIR] [--limit-mib 1536] [--keep]");
            return 2;
        }

        double gib = double.Parse(Option(args, "--gib") ?? "4.25", CultureInfo.InvariantCulture);
        long limit = long.Parse(Option(args, "--limit-mib") ?? "1536", CultureInfo.InvariantCulture) << 20;
        string folder = Path.GetFullPath(Option(args, "--folder") ?? Path.Combine(Path.GetTempPath(), "sparsecompile-big-model"));
        int layers = (int)Math.Ceiling(gib * (1L << 30) / BigModelWriter.TensorBytes);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        try
        {
            string model = Path.Combine(folder, "big.onnx");
            string output = Path.Combine(folder, "out");
            var clock = Stopwatch.StartNew();
            long weightBytes = BigModelWriter.Write(model, layers);
            Console.WriteLine($"wrote {layers} [4096, 4096] FP32 weights, {weightBytes / (double)(1L << 30):F2} GiB of external data, in {clock.Elapsed.TotalSeconds:F0} s");

            clock.Restart();
            int exit = RunSparsec(sparsec, model, output);
            double compileSeconds = clock.Elapsed.TotalSeconds;
            long? peak = ChildPeakMemory.LargestBytes();
            Console.WriteLine($"sparsec exit {exit}, {compileSeconds:F0} s, peak resident memory {(peak is long p ? $"{p >> 20} MiB" : "unknown (not Linux)")}");
            if (exit != 0)
            {
                return 1;
            }

            string compiled = Path.Combine(output, "big.onnx");
            long compiledBytes = new FileInfo(compiled).Length + (File.Exists(compiled + ".data") ? new FileInfo(compiled + ".data").Length : 0);
            int checkedWeights = CheckTwoFour(compiled);
            Console.WriteLine($"compiled: {compiledBytes / (double)(1L << 30):F2} GiB ({(double)weightBytes / compiledBytes:F2}x smaller); {checkedWeights} INT8 weights, every one 2:4 along K");

            clock.Restart();
            double cosine = CompareOutputs(model, compiled);
            Console.WriteLine($"ONNX Runtime loaded and ran both models in {clock.Elapsed.TotalSeconds:F0} s; cosine(compiled, dense) = {cosine:F4}");

            bool withinLimit = peak is null || peak <= limit;
            Console.WriteLine();
            Console.WriteLine("| Weights (FP32) | Compile time | Peak RSS | Limit | Compiled size | Cosine to dense |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {layers} × [4096, 4096], {weightBytes / (double)(1L << 30):F2} GiB | {compileSeconds:F0} s | {(peak ?? 0) >> 20} MiB | {limit >> 20} MiB | {compiledBytes / (double)(1L << 30):F2} GiB | {cosine:F4} |"));
            return withinLimit && checkedWeights == layers && cosine >= MinimumCosine ? 0 : 1;
        }
        finally
        {
            if (!args.Contains("--keep"))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // Keeping the larger two of each four Gaussian weights keeps 86.8 % of their energy, so a 2:4 layer lands near
    // cosine √0.868 = 0.932; far below that means the compile changed something it should not have.
    private const double MinimumCosine = 0.9;

    private static int RunSparsec(string sparsec, string model, string output)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (string arg in new[] { sparsec, "compile", model, "-o", output, "--sparsity", "2:4", "--quantize", "dynamic" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static int CheckTwoFour(string compiled)
    {
        using var model = OnnxModel.Load(compiled);
        int count = 0;
        foreach (var tensor in model.Proto.Graph.Initializer.Where(t => t.DataType == (int)DataType.Int8 && t.Dims.Count == 2))
        {
            if (!NMSparsityChecker.Check(model.ReadTensor(tensor), 0, NMPattern.TwoFour).IsCompliant)
            {
                Console.Error.WriteLine($"{tensor.Name} is not 2:4 along K");
                return -1;
            }

            count++;
        }

        return count;
    }

    private static double CompareOutputs(string dense, string compiled)
    {
        var random = new Random(7);
        float[] x = Enumerable.Range(0, BigModelWriter.Hidden).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var inputs = new Dictionary<string, (float[], int[])> { ["x"] = (x, [1, BigModelWriter.Hidden]) };
        float[] expected = OrtRunner.Run(dense, inputs)["y"];
        float[] actual = OrtRunner.Run(compiled, inputs)["y"];
        if (actual.Any(v => !float.IsFinite(v)))
        {
            return double.NaN;
        }

        double dot = 0, a2 = 0, b2 = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            dot += (double)expected[i] * actual[i];
            a2 += (double)expected[i] * expected[i];
            b2 += (double)actual[i] * actual[i];
        }

        return dot / Math.Sqrt(a2 * b2);
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
