namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>The initializers that replace one float weight: INT8 values and float scales.</summary>
/// <param name="Values">The INT8 initializer.</param>
/// <param name="Scales">The scale initializer: [N] per output column for MatMul, [rows, 1] per row for Gather.</param>
internal readonly record struct QuantizedWeightNames(string Values, string Scales);
