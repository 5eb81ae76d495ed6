using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.LayerNorm;

/// <summary>A residual Add (with an optional bias Add folded in) followed by a layer normalization.</summary>
/// <param name="Input">The first summand (the sublayer output, bias-free when <paramref name="Bias"/> is set).</param>
/// <param name="Skip">The second summand (the residual), of the same shape.</param>
/// <param name="Bias">A FLOAT [hidden] bias that was added to <paramref name="Input"/>, or null.</param>
/// <param name="Norm">The layer normalization of the sum.</param>
/// <param name="Nodes">The bias Add (if any), the residual Add and the normalization's nodes.</param>
internal sealed record SkipLayerNormMatch(string Input, string Skip, string? Bias, LayerNormMatch Norm, IReadOnlyList<NodeProto> Nodes);
