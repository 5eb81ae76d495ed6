using SparseCompile.Compiler.Calibration;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// Calibrates the tensors the static pass may quantize: exposes every activation input and output of the candidates,
/// plans once with what ONNX Runtime says about their element types, and runs the calibration samples collecting
/// ranges for every tensor that plan touches (a superset of what the final plan needs).
/// </summary>
internal static class StaticCalibration
{
    /// <summary>What calibration found.</summary>
    /// <param name="Ranges">The calibrated range of every FLOAT tensor observed, by name.</param>
    /// <param name="IsFloat">Whether ONNX Runtime reports a tensor as FLOAT.</param>
    /// <param name="Sources">Where each sample used came from (file or folder), in order.</param>
    public sealed record Result(IReadOnlyDictionary<string, CalibratedRange> Ranges, Func<string, bool> IsFloat, IReadOnlyList<string> Sources);

    /// <summary>Runs calibration for <paramref name="candidates"/>.</summary>
    public static Result Run(CompilationContext context, IReadOnlyList<StaticCandidate> candidates, IReadOnlyList<StaticSkip> skipped, string pass)
    {
        var model = context.Model;
        var options = context.Options.Quantization;
        var exposed = candidates.SelectMany(c => c.ActivationInputs.Append(c.Output)).Distinct(StringComparer.Ordinal).ToArray();
        using var session = CalibrationSession.Open(model, exposed, model.FilePath ?? context.Options.ModelPath);
        var types = exposed.ToDictionary(t => t, session.IsFloat, StringComparer.Ordinal);
        bool IsFloat(string tensor) => types.TryGetValue(tensor, out bool isFloat) && isFloat;

        var first = StaticPlanner.Plan(model.Graph, candidates, skipped, t => IsFloat(t) ? null : "is not a FLOAT tensor", options.SymmetricActivations);
        var observed = first.Kept.SelectMany(k => k.ActivationInputs.Append(k.Output)).Where(IsFloat).Distinct(StringComparer.Ordinal).ToArray();
        var sources = new List<string>();
        var samples = InputSamples.Enumerate(model, new SampleOptions { DataPath = options.CalibrationPath, MaxSamples = options.MaxCalibrationSamples })
            .Select(s =>
            {
                sources.Add(s.Source);
                return s;
            });
        int? limit = options.MaxCalibrationSamples;
        var ranges = ActivationCalibrator.Calibrate(session, samples, observed, options.Calibration, options.Percentile,
            done => context.Step(pass, done, Math.Max(done, limit ?? done), sources[^1]), context.Cancellation);
        return new Result(ranges, IsFloat, sources);
    }

    /// <summary>Why <paramref name="tensor"/> cannot be quantized, or null when it can.</summary>
    public static string? Problem(Result calibration, string tensor)
    {
        if (!calibration.IsFloat(tensor))
        {
            return "is not a FLOAT tensor";
        }

        if (!calibration.Ranges.TryGetValue(tensor, out var range) || range.Count == 0)
        {
            return "held no values during calibration";
        }

        return range.NonFinite > 0 ? $"held {range.NonFinite} NaN or infinite values during calibration" : null;
    }
}
