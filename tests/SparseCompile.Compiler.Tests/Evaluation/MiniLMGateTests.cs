using System.Diagnostics;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Tests.Data;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;
using Xunit.Abstractions;

namespace SparseCompile.Compiler.Tests.Evaluation;

/// <summary>The gate on the real all-MiniLM-L6-v2 with 2:4 pruning of every MatMul, on real sentences.</summary>
public sealed class MiniLMGateTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void FallbackReachesTheMinimumSentenceCosine()
    {
        string data = SampleFiles.WritePbSets(temp.File("sentences"), SampleFiles.MiniLMSentences(Sentences.Holdout.Take(16)));
        var options = new CompileOptions
        {
            ModelPath = RealModels.MiniLMPath,
            OutputDirectory = temp.File("out"),
            Quantization = new QuantizationOptions { Mode = QuantizationMode.None },
        };
        var gate = new AccuracyGateOptions { Samples = new SampleOptions { DataPath = data }, MinCosine = 0.98, Fallback = true };

        var clock = Stopwatch.StartNew();
        var result = AccuracyGate.Compile(options, gate);
        var report = result.Gate;
        output.WriteLine($"gate took {clock.Elapsed.TotalSeconds:0.0} s (sensitivity {report.SensitivitySeconds:0.0} s, {report.Evaluations} candidates)");
        output.WriteLine($"cosine before {report.CosineBefore:0.0000}, after {report.CosineAfter:0.0000} ({report.Metric} of {report.MetricOutput})");
        foreach (var o in report.Before.Outputs)
        {
            output.WriteLine($"before {o.Name}: mean {o.MeanCosine:0.0000} min {o.MinCosine:0.0000} sentence {o.SentenceMeanCosine:0.0000} max err {o.MaxAbsError:0.000}");
        }

        foreach (var o in report.Final.Outputs)
        {
            output.WriteLine($"after {o.Name}: mean {o.MeanCosine:0.0000} min {o.MinCosine:0.0000} sentence {o.SentenceMeanCosine:0.0000} max err {o.MaxAbsError:0.000}");
        }

        output.WriteLine($"kept dense ({report.KeptDense.Count}): {string.Join(", ", report.KeptDense)}");
        foreach (var s in report.Sensitivities)
        {
            output.WriteLine($"  {s.Weight} {s.Change} alone: {s.Cosine:0.0000}{(s.Kept ? " (kept)" : string.Empty)}");
        }

        // One-shot 2:4 of every MatMul loses far too much; the fallback keeps several layers dense.
        Assert.True(report.CosineBefore < 0.9);
        Assert.True(report.CosineAfter >= 0.98);
        Assert.Equal("sentence-cosine", report.Metric);
        Assert.InRange(report.KeptDense.Count, 2, 36);
        Assert.Equal(37, report.Sensitivities.Count);

        // The written model reaches it too, on the mean-pooled sentence embeddings of real sentences.
        var written = ModelEvaluator.Evaluate(RealModels.MiniLMPath, result.Compile.ModelPath,
            new EvaluationOptions { Samples = new SampleOptions { DataPath = data } });
        var hidden = written.Outputs.Single(o => o.Name == "last_hidden_state");
        Assert.True(hidden.SentenceMeanCosine >= 0.98);
        Assert.Equal(report.CosineAfter, written.Cosine(), 6);
        Assert.Equal(report.KeptDense.Order(StringComparer.Ordinal), result.Compile.Weights.Where(w => w.SkipCode == "kept-dense").Select(w => w.Name).Order(StringComparer.Ordinal));
    }
}
