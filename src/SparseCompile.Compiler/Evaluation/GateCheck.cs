using System.Globalization;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>Decides whether an evaluation passes the gate, and words the failure.</summary>
internal static class GateCheck
{
    /// <summary>True when <paramref name="result"/> meets every threshold of <paramref name="gate"/> (NaN never does).</summary>
    public static bool Passes(EvaluationResult result, AccuracyGateOptions gate) => Failure(result, gate, null, false) is null;

    /// <summary>The SC3001/SC3002 error for <paramref name="result"/>, or null when it passes.</summary>
    public static SparseCompileException? Failure(EvaluationResult result, AccuracyGateOptions gate, string? modelPath, bool fallbackTried)
    {
        double cosine = result.Cosine(gate.Outputs);
        string hint = fallbackTried ? string.Empty : "; --fallback keeps the most sensitive weights dense until it holds";
        if (gate.MinCosine is double min && !(cosine >= min))
        {
            return new SparseCompileException(EvaluationDiagnosticCodes.CosineBelowMinimum, modelPath,
                $"below --min-cosine: measured {Number(cosine)} < {Number(min)} ({Metric(result, gate)} over {result.Samples} samples){hint}");
        }

        if (gate.MaxDrop is double maxDrop && result.Accuracy is { } accuracy && !(accuracy.DropPoints <= maxDrop))
        {
            return new SparseCompileException(EvaluationDiagnosticCodes.AccuracyDropTooLarge, modelPath,
                $"above --max-drop: accuracy dropped {Number(accuracy.DropPoints)} percentage points > {Number(maxDrop)} "
                + $"(input model {Number(accuracy.ReferenceAccuracy * 100)}%, compiled {Number(accuracy.CandidateAccuracy * 100)}% on {accuracy.Count} labelled rows){hint}");
        }

        return null;
    }

    /// <summary>What the gate cosine is: "sentence-cosine of output 'x'" for the output that sets it.</summary>
    public static string Metric(EvaluationResult result, AccuracyGateOptions gate) =>
        Worst(result, gate) is { } worst ? $"{worst.HeadlineMetric} of output '{worst.Name}'" : "no output";

    /// <summary>The gated output with the lowest headline cosine (NaN lowest), or null when none is gated.</summary>
    public static OutputFidelity? Worst(EvaluationResult result, AccuracyGateOptions gate) =>
        result.Outputs.Where(o => gate.Outputs.Count == 0 || gate.Outputs.Contains(o.Name))
            .MinBy(o => double.IsNaN(o.Headline) ? double.NegativeInfinity : o.Headline);

    /// <summary>A measure with up to six decimals, invariant.</summary>
    public static string Number(double value) => double.IsNaN(value) ? "NaN" : Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
