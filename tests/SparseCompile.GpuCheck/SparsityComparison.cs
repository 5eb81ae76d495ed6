using System.Globalization;
using SparseCompile.Runtime;

namespace SparseCompile.GpuCheck;

/// <summary>
/// Runs each compiled model (dense-INT8 and 2:4-INT8 QDQ, from sparsec) on TensorRT with sparsity on and off: the provider
/// the runtime picks, median latency, and the build-log lines about sparsity.
/// </summary>
internal static class SparsityComparison
{
    private static readonly string[] Models = ["matmul", "minilm"];
    private static readonly string[] Variants = ["dense-int8", "sparse-int8"];

    public static int Run(string dir, int runs, int warmUp)
    {
        var rows = new List<string>();
        string logs = Directory.CreateDirectory(Path.Combine(dir, "logs")).FullName;
        foreach (string model in Models)
        {
            foreach (string variant in Variants)
            {
                string path = Path.Combine(dir, variant, model + ".onnx");
                if (!File.Exists(path))
                {
                    throw new IOException($"{path} is missing: compile it with sparsec first (build/gpu-check.sh does)");
                }

                ReportRuntimeProvider(path, Path.Combine(dir, "engines", $"{model}-{variant}-runtime"));
                foreach (bool sparsity in new[] { false, true })
                {
                    string label = $"{model} {variant} sparsity={(sparsity ? "on" : "off")}";
                    string log = Path.Combine(logs, $"{model}-{variant}-sparsity-{(sparsity ? "on" : "off")}.log");
                    double median;
                    double p90;
                    using (BuildLog.To(log))
                    {
                        using var session = TrtSessions.Create(path, sparsity, Path.Combine(dir, "engines", $"{model}-{variant}-{(sparsity ? "on" : "off")}"));
                        var feeds = Feeds.For(session.InputMetadata);
                        (median, p90) = Latency.Measure(session, feeds, runs, warmUp);
                        foreach (var value in feeds.Values)
                        {
                            value.Dispose();
                        }
                    }

                    var sparseLines = BuildLog.SparseLines(log);
                    Console.WriteLine($"== {label}: median {Ms(median)} ms, p90 {Ms(p90)} ms over {runs} runs after {warmUp} warm-up; "
                        + $"{sparseLines.Count} log lines mention sparsity (full log: {log})");
                    foreach (string line in sparseLines)
                    {
                        Console.WriteLine("   " + line);
                    }

                    rows.Add($"| {model} | {variant} | {(sparsity ? "on" : "off")} | {Ms(median)} | {Ms(p90)} | {(sparseLines.Count > 0 ? "yes" : "no")} |");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| model | weights | trt_sparsity_enable | median ms | p90 ms | sparsity in build log |");
        Console.WriteLine("|---|---|---|---:|---:|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static void ReportRuntimeProvider(string path, string engineCache)
    {
        using var session = new SparseModelSession(path, new SparseModelOptions
        {
            Target = ExecutionTarget.Auto,
            QuantizedQdq = true,
            EngineCacheFolder = engineCache,
        });
        string skipped = string.Join("; ", session.SkippedProviders.Select(s => $"{s.Key}: {s.Value}"));
        Console.WriteLine($"SparseModelSession on {path}: ExecutionProvider = {session.ExecutionProvider}"
            + (skipped.Length > 0 ? $" (skipped {skipped})" : string.Empty));
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
