namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>A node (or model part) that keeps the model from being brought up to the target opset.</summary>
/// <param name="OpType">The op type, or what the model part is.</param>
/// <param name="Node">The node's name (or its op type and outputs when unnamed).</param>
/// <param name="Reason">Why, in words.</param>
internal sealed record OpsetBlocker(string OpType, string Node, string Reason);
