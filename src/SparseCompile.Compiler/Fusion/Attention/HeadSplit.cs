using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>A projection split into heads: <c>Reshape(projection, [batch, sequence, heads, head size])</c> and the Transposes after it.</summary>
/// <param name="Projection">The projection reshaped.</param>
/// <param name="Reshape">The Reshape.</param>
/// <param name="Transposes">The Transpose nodes (one, or two for K written as [0,2,1,3] then [0,1,3,2]).</param>
/// <param name="Heads">The number of heads.</param>
/// <param name="HeadSize">The size of each head.</param>
internal sealed record HeadSplit(Projection Projection, NodeProto Reshape, IReadOnlyList<NodeProto> Transposes, long Heads, long HeadSize);
