using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.LayerNorm;

/// <summary>A layer normalization over the last axis written out in primitive ops, as PyTorch exports it before opset 17.</summary>
/// <param name="Input">The normalized value s.</param>
/// <param name="Gamma">The FLOAT [hidden] scale initializer.</param>
/// <param name="Beta">The FLOAT [hidden] shift initializer.</param>
/// <param name="Epsilon">The epsilon added to the variance.</param>
/// <param name="Hidden">The size of the last axis.</param>
/// <param name="Output">The normalized output.</param>
/// <param name="Nodes">ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add.</param>
internal sealed record LayerNormMatch(string Input, string Gamma, string Beta, float Epsilon, long Hidden, string Output, IReadOnlyList<NodeProto> Nodes);
