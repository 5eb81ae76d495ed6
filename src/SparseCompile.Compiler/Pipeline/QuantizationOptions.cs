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

    /// <summary>
    /// The precision of embedding tables (the data of Gather) under dynamic quantization: 8 (the default) quantizes each
    /// row to [-127, 127]; 4 quantizes each row to [-7, 7] with the scale <c>max|x| / 7</c>, still stored as int8 and run
    /// by the same graph, so the Brotli-compressed model (<see cref="CompileOptions.Compress"/>) spends about 4 bits per
    /// value on the table. MatMul, Gemm and Attention weights keep 8 bits either way.
    /// </summary>
    public int EmbeddingBits { get; init; } = 8;

    /// <summary>The values <see cref="EmbeddingBits"/> accepts.</summary>
    public static IReadOnlyList<int> SupportedEmbeddingBits { get; } = [8, 4];

    /// <summary>The largest quantized magnitude for <paramref name="bits"/>-bit symmetric values: 127 for 8, 7 for 4.</summary>
    public static int QMaxOf(int bits) => (1 << (bits - 1)) - 1;
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
/// <param name="Bits">The precision of the values, stored as int8: 8, or 4 for an embedding table compiled with <see cref="QuantizationOptions.EmbeddingBits"/> = 4.</param>
public sealed record QuantizedWeight(string Node, string OpType, string Weight, string Mode, int? Axis, float MinScale, float MaxScale, string? ActivationRange, int Bits = 8);
