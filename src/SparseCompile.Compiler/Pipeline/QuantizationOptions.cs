namespace SparseCompile.Compiler.Pipeline;

/// <summary>How a compile quantizes to INT8.</summary>
public enum QuantizationMode
{
    /// <summary>Weights stay in float.</summary>
    None,

    /// <summary>Int8 weights; activations quantized at run time (ONNX Runtime fuses DynamicQuantizeMatMul / MatMulIntegerToFloat).</summary>
    Dynamic,

    /// <summary>QuantizeLinear/DequantizeLinear pairs with activation ranges from calibration data.</summary>
    Static,
}

/// <summary>How static quantization turns observed activations into ranges.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen.</summary>
    MinMax,

    /// <summary>A percentile of |x| (99.99 by default), ignoring rare outliers.</summary>
    Percentile,

    /// <summary>The range that minimises the KL divergence between the float and the quantized histogram.</summary>
    Entropy,
}

/// <summary>Quantization settings of a compile.</summary>
public sealed record QuantizationOptions
{
    /// <summary>The mode; dynamic by default.</summary>
    public QuantizationMode Mode { get; init; } = QuantizationMode.Dynamic;

    /// <summary>Calibration data for static quantization: a folder of test_data_set_N/input_K.pb sets, or of .npz samples.</summary>
    public string? CalibrationPath { get; init; }

    /// <summary>How ranges are derived from calibration data.</summary>
    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.MinMax;

    /// <summary>The percentile for <see cref="CalibrationMethod.Percentile"/>.</summary>
    public double Percentile { get; init; } = 99.99;

    /// <summary>Int8 symmetric activations (TensorRT's requirement, ONNX Runtime's first choice); false gives uint8 asymmetric.</summary>
    public bool SymmetricActivations { get; init; } = true;

    /// <summary>At most this many calibration samples are used; null uses all.</summary>
    public int? MaxCalibrationSamples { get; init; }
}

/// <summary>A weight the compile quantized, for the manifest and report.</summary>
/// <param name="Node">The node that reads it (its name, or op type and output when unnamed).</param>
/// <param name="OpType">MatMul, Gemm, Conv or Gather.</param>
/// <param name="Weight">The initializer name of the float weight.</param>
/// <param name="Mode">dynamic or static.</param>
/// <param name="Axis">The per-channel axis of the scales, or null for a per-tensor scale.</param>
/// <param name="MinScale">The smallest weight scale.</param>
/// <param name="MaxScale">The largest weight scale.</param>
/// <param name="ActivationRange">The calibrated input range for static quantization ("[-a, b]"), or null.</param>
public sealed record QuantizedWeight(string Node, string OpType, string Weight, string Mode, int? Axis, float MinScale, float MaxScale, string? ActivationRange);
