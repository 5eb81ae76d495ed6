namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>How static quantization treats a node, by what ONNX Runtime's CPU QDQ fusion makes of it.</summary>
internal enum StaticRole
{
    /// <summary>Conv, MatMul or Gemm with a constant weight: INT8 weight, and QLinearConv / QLinearMatMul / QGemm once fused.</summary>
    Weighted,

    /// <summary>Add of two activations: QLinearAdd.</summary>
    Binary,

    /// <summary>AveragePool or GlobalAveragePool: QLinearAveragePool / QLinearGlobalAveragePool.</summary>
    Pool,

    /// <summary>
    /// MaxPool, Flatten, Reshape, Transpose, Squeeze, Unsqueeze: they only move or pick values, so their output keeps
    /// their input's scale and zero point and ONNX Runtime runs them on the INT8 values directly.
    /// </summary>
    SameScale,

    /// <summary>
    /// Relu after a quantized node. With asymmetric activations the quantizer's clamp at the zero point does the Relu and
    /// ONNX Runtime fuses it away; with symmetric ones it runs in float between a DequantizeLinear and a QuantizeLinear.
    /// </summary>
    Relu,
}
