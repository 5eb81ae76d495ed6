namespace SparseCompile.Compiler.Calibration;

/// <summary>
/// What calibration found for one tensor: the values it saw and the magnitude the chosen method clips them at.
/// </summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="ObservedMin">The smallest finite value seen.</param>
/// <param name="ObservedMax">The largest finite value seen.</param>
/// <param name="Threshold">
/// The clip magnitude: max |x| for min/max calibration, a percentile of |x|, or the KL-optimal clip point; never more
/// than max |x|.
/// </param>
/// <param name="Count">The number of finite values seen, over all samples.</param>
/// <param name="NonFinite">The number of NaN or infinite values seen (left out of the range).</param>
public sealed record CalibratedRange(string Name, float ObservedMin, float ObservedMax, float Threshold, long Count, long NonFinite = 0)
{
    /// <summary>True when the tensor can be quantized from this range: finite values were seen, and no NaN or infinity.</summary>
    public bool IsUsable => Count > 0 && NonFinite == 0;

    /// <summary>The range for int8 symmetric quantization: [-Threshold, Threshold].</summary>
    public (float Min, float Max) Symmetric => (-Threshold, Threshold);

    /// <summary>
    /// The range for asymmetric quantization: the observed range clipped to [-Threshold, Threshold] and widened to hold 0
    /// (which must stay exactly representable), so a tensor that is never negative keeps 0 as its lower end.
    /// </summary>
    public (float Min, float Max) Asymmetric =>
        (Math.Min(0, Math.Max(ObservedMin, -Threshold)), Math.Max(0, Math.Min(ObservedMax, Threshold)));
}
