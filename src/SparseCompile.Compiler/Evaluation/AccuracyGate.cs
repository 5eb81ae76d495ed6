using System.Diagnostics;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// Compiles only what is accurate enough. The model is first compiled in memory with the compiler's passes and run
/// against the input model on the gate's samples; when it falls short the compile fails with SC3001 (cosine) or SC3002
/// (accuracy drop) and nothing is written. With the fallback, the changes are ranked by what each costs alone and the
/// fewest most costly ones are undone (weights kept dense or in float) for the gate to hold; then the compile is
/// written once, with those keeps, by the same passes.
/// </summary>
public static class AccuracyGate
{
    /// <summary>Compiles <paramref name="options"/> behind <paramref name="gate"/>.</summary>
    /// <param name="options">The compile; its KeepDense and KeepFloat are kept and added to.</param>
    /// <param name="gate">Thresholds, samples and fallback.</param>
    /// <param name="write">Writes the compile that passed (default <see cref="SparseCompiler.Compile(CompileOptions, IProgress{PassProgress}?, CancellationToken)"/>).</param>
    /// <param name="progress">Where the gate reports its stages, or null.</param>
    /// <param name="cancellation">Cancels between candidates and samples.</param>
    /// <exception cref="SparseCompileException">SC3001/SC3002 when the gate fails (nothing written), SC3003 when even the fallback cannot pass it, SC1125 for bad gate options, and every code of compiling and evaluating.</exception>
    public static GateResult Compile(CompileOptions options, AccuracyGateOptions gate, Func<CompileOptions, CompileResult>? write = null,
        IProgress<GateProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        Validate(options, gate);
        write ??= o => SparseCompiler.Compile(o, null, cancellation);
        var clock = Stopwatch.StartNew();

        using var builder = new CandidateBuilder(options);
        var samples = InputSamples.Enumerate(builder.Model, gate.Samples);
        var reference = ReferenceRun.Create(options.ModelPath, samples, gate.LabelsPath,
            done => progress?.Report(new GateProgress("reference", done, 0, null)), cancellation);

        progress?.Report(new GateProgress("evaluate", 0, 1, null));
        using var baseline = builder.Build(options.KeepDense, options.KeepFloat, cancellation);
        EvaluationResult before;
        using (var session = baseline.Open("the compiled model"))
        {
            before = reference.Evaluate(session, "the compiled model", null, cancellation);
        }

        if (GateCheck.Passes(before, gate))
        {
            progress?.Report(new GateProgress("write", 0, 1, null));
            var decided = Report(gate, reference.Count, before, null, [], [], [], 2, 0, clock).ToSummary();
            var (written, measured) = WriteVerified(options with { AccuracyGate = decided }, gate, reference, write, cancellation);
            return new GateResult(written, Report(gate, reference.Count, measured, null, [], [], [], 2, 0, clock));
        }

        if (!gate.Fallback)
        {
            throw GateCheck.Failure(before, gate, options.ModelPath, fallbackTried: false)!;
        }

        var search = new FallbackSearch(builder, reference, gate, progress, cancellation);
        var (ranked, dense, keepFloat, after, everything) = search.Run(baseline, options.KeepDense, options.KeepFloat);
        if (after is null)
        {
            var failure = GateCheck.Failure(everything, gate, options.ModelPath, fallbackTried: true)!;
            throw new SparseCompileException(EvaluationDiagnosticCodes.FallbackExhausted, options.ModelPath,
                $"the fallback undid all {ranked.Count} changes (every pruned weight dense, every quantized weight float) and the gate still fails: "
                + failure.Message);
        }

        progress?.Report(new GateProgress("write", 0, 1, null));
        var keptDense = ranked.Where(s => s.Kept && s.Change == "pruned").Select(s => s.Weight).ToArray();
        var keptFloat = ranked.Where(s => s.Kept && s.Change == "quantized").Select(s => s.Weight).ToArray();
        var summary = Report(gate, reference.Count, before, after, ranked, keptDense, keptFloat, 2 + search.Evaluations, 0, clock).ToSummary();
        var (result, final) = WriteVerified(options with { KeepDense = dense, KeepFloat = keepFloat, AccuracyGate = summary }, gate, reference, write, cancellation);
        return new GateResult(result, Report(gate, reference.Count, before, final, ranked, keptDense, keptFloat,
            2 + search.Evaluations, search.SensitivitySeconds, clock));
    }

    /// <summary>
    /// Writes the compile and measures the written model, which is what ships: should it fall short after all (the
    /// in-memory candidate differs from the file only through serialization), its outputs are deleted and the gate fails.
    /// </summary>
    private static (CompileResult Result, EvaluationResult Measured) WriteVerified(CompileOptions options, AccuracyGateOptions gate,
        ReferenceRun reference, Func<CompileOptions, CompileResult> write, CancellationToken cancellation)
    {
        var result = write(options);
        EvaluationResult measured;
        using (var session = EvaluationSession.Open(result.ModelPath))
        {
            measured = reference.Evaluate(session, result.ModelPath, null, cancellation);
        }

        if (GateCheck.Failure(measured, gate, options.ModelPath, fallbackTried: true) is { } failure)
        {
            foreach (string? file in new[] { result.ManifestPath, result.ModelPath, result.ExternalDataPath, result.ReportPath })
            {
                if (file is not null)
                {
                    File.Delete(file);
                }
            }

            throw new SparseCompileException(failure.Code, failure.FilePath, "the written model: " + failure.Message);
        }

        return (result, measured);
    }

    private static GateReport Report(AccuracyGateOptions gate, int samples, EvaluationResult before, EvaluationResult? after,
        IReadOnlyList<WeightSensitivity> ranked, IReadOnlyList<string> dense, IReadOnlyList<string> keepFloat, int evaluations,
        double sensitivitySeconds, Stopwatch clock)
    {
        var worst = GateCheck.Worst(after ?? before, gate);
        return new GateReport(gate.Samples.Description, samples, gate.MinCosine, gate.MaxDrop, worst?.HeadlineMetric ?? "cosine", worst?.Name ?? string.Empty,
            before, after, ranked, dense, keepFloat, evaluations, sensitivitySeconds, clock.Elapsed.TotalSeconds)
        {
            GatedOutputs = gate.Outputs,
        };
    }

    private static void Validate(CompileOptions options, AccuracyGateOptions gate)
    {
        string? problem = !gate.IsActive ? "the accuracy gate needs a minimum cosine or a maximum accuracy drop"
            : gate.MinCosine is double c && !(c >= -1 && c <= 1) ? $"the minimum cosine {c} is not in [-1, 1]"
            : gate.MaxDrop is double d && !(d >= 0 && d <= 100) ? $"the maximum accuracy drop {d} is not in [0, 100] percentage points"
            : gate.MaxDrop is not null && gate.LabelsPath is null ? "a maximum accuracy drop needs a labels file"
            : gate.LabelsPath is not null && gate.Samples.DataPath is null ? "labels need data samples to belong to; generated inputs have no labels"
            : null;
        if (problem is not null)
        {
            throw new SparseCompileException(CompileDiagnosticCodes.InvalidOption, options.ModelPath, problem);
        }

        string target = Path.GetFullPath(Path.Combine(options.OutputDirectory, options.ResolvedOutputName + ".onnx"));
        if (string.Equals(target, Path.GetFullPath(options.ModelPath), StringComparison.Ordinal))
        {
            throw new SparseCompileException(CompileDiagnosticCodes.InvalidOption, options.ModelPath,
                "the compiled model would overwrite the input model; choose another output folder or name");
        }
    }
}
