using SparseCompile.Compiler.Calibration;
using SparseCompile.Compiler.Quantization.Static;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>
/// The rounding noise one QuantizeLinear adds to a calibrated tensor whose values lie inside the calibrated range: uniform
/// over one step, so of variance scale² / 12.
/// </summary>
internal sealed class QuantizationSteps(IReadOnlyDictionary<string, CalibratedRange> ranges, bool symmetric)
{
    /// <summary>The scale ONNX Runtime quantizes <paramref name="tensor"/> with.</summary>
    public double Scale(string tensor) => ActivationParameters.From(ranges[tensor], symmetric, null).Scale;

    /// <summary>The variance one quantization of <paramref name="tensor"/> adds.</summary>
    public double Variance(string tensor) => Scale(tensor) * Scale(tensor) / 12;
}
