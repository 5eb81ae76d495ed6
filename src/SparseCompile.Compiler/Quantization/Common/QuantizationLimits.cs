namespace SparseCompile.Compiler.Quantization.Common;

/// <summary>What a weight and a model need before the quantization passes touch them.</summary>
public static class QuantizationLimits
{
    /// <summary>
    /// The lowest default-domain opset the passes handle: 13 brings per-axis QuantizeLinear/DequantizeLinear, and
    /// DynamicQuantizeLinear (11) and MatMulInteger (10) are then available too.
    /// </summary>
    public const long MinimumOpset = 13;

    /// <summary>
    /// Weights with fewer elements (16 × 16) stay float: a tiny matrix saves a few hundred bytes at most, its float
    /// MatMul costs less than quantizing its input at run time, and each quantized weight adds a scale tensor and nodes.
    /// </summary>
    public const long MinimumElements = 256;
}
