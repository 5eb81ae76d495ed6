namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>A Conv, MatMul or Gemm the static pass left float, and why.</summary>
/// <param name="Node">The node (its name, or op type and output when unnamed).</param>
/// <param name="OpType">Its op type.</param>
/// <param name="Weight">The initializer in its weight slot, or null when the slot holds no initializer.</param>
/// <param name="Reason">Why it stays float, in words.</param>
public sealed record StaticSkip(string Node, string OpType, string? Weight, string Reason);
