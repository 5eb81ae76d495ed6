namespace SparseCompile.Compiler.Preparation;

/// <summary>A BatchNormalization left in the model, with the reason.</summary>
/// <param name="BatchNormNode">The node's name (or its op type and outputs when unnamed).</param>
/// <param name="Reason">Why it was not folded.</param>
public sealed record BatchNormKept(string BatchNormNode, string Reason);
