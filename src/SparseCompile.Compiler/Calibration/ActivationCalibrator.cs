using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Calibration;

/// <summary>
/// Runs a model over calibration samples and turns the values of chosen tensors into ranges, streaming: per tensor
/// only the running min/max and (for percentile and entropy) a histogram of |x| are kept, never the activations.
/// </summary>
public static class ActivationCalibrator
{
    /// <summary>
    /// The calibrated range of every FLOAT tensor of <paramref name="tensors"/> (others are left out), by name.
    /// </summary>
    /// <param name="session">A session exposing the tensors.</param>
    /// <param name="samples">The calibration samples, read one at a time.</param>
    /// <param name="tensors">The tensors to calibrate.</param>
    /// <param name="method">How ranges are derived.</param>
    /// <param name="percentile">The percentile of |x| for <see cref="CalibrationMethod.Percentile"/>, in (0, 100].</param>
    /// <param name="onSample">Called after each sample with the number of samples done, or null.</param>
    /// <param name="cancellation">Stops between samples.</param>
    /// <exception cref="SparseCompileException">SC1183 when there are no samples; SC1182 when a run fails; SC117x for bad samples.</exception>
    public static IReadOnlyDictionary<string, CalibratedRange> Calibrate(CalibrationSession session, IEnumerable<InputSample> samples,
        IEnumerable<string> tensors, CalibrationMethod method, double percentile, Action<int>? onSample = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!(percentile > 0 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "the percentile must be in (0, 100]");
        }

        bool histogram = RangeEstimator.NeedsHistogram(method);
        var observers = new Dictionary<string, TensorObserver>(StringComparer.Ordinal);
        foreach (string name in tensors)
        {
            if (session.IsFloat(name) && !observers.ContainsKey(name))
            {
                observers[name] = new TensorObserver(name, histogram);
            }
        }

        string[] wanted = [.. observers.Keys];
        int done = 0;
        foreach (var sample in samples)
        {
            cancellation.ThrowIfCancellationRequested();
            session.Run(sample, wanted, (name, values) => observers[name].Observe(values));
            done++;
            onSample?.Invoke(done);
        }

        if (done == 0)
        {
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.NoCalibrationSamples, null,
                "static quantization needs at least one calibration sample, and the calibration data yielded none");
        }

        return observers.ToDictionary(o => o.Key, o => RangeEstimator.Estimate(o.Value, method, percentile), StringComparer.Ordinal);
    }
}
