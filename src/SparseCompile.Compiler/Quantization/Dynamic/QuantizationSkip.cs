namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>A weight of a quantizable op that stays float, and why.</summary>
/// <param name="Weight">The initializer's name.</param>
/// <param name="Node">The first node that reads it.</param>
/// <param name="OpType">That node's op type.</param>
/// <param name="Reason">Why it stays float, in words.</param>
public sealed record QuantizationSkip(string Weight, string Node, string OpType, string Reason);
