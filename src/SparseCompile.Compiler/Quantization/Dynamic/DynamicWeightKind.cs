namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>How a weight is quantized dynamically.</summary>
public enum DynamicWeightKind
{
    /// <summary>The B input of MatMul or Gemm: INT8 [K, N] with one scale per output column; activations quantized at run time.</summary>
    MatMul,

    /// <summary>The data input of Gather on axis 0 (an embedding table): INT8 rows with one scale per row, dequantized after the gather.</summary>
    Gather,

    /// <summary>The packed Q/K/V weight [K, 3N] of a com.microsoft Attention: INT8 with one scale per column; the node becomes QAttention.</summary>
    Attention,
}
