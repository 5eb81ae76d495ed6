using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>
/// An additive attention mask built from a 0/1 key-padding mask: <c>(1 − float(mask[:, None, None, :])) · filter</c>.
/// </summary>
/// <param name="Source">The graph input holding the [batch, sequence] mask.</param>
/// <param name="SourceType">Its element type (TensorProto.DataType): INT64, INT32 or BOOL.</param>
/// <param name="Filter">The value added to masked-out scores (negative, e.g. -10000).</param>
/// <param name="Nodes">The nodes that build the additive mask; they go once no attention block reads them any more.</param>
internal sealed record MaskMatch(string Source, int SourceType, float Filter, IReadOnlyList<NodeProto> Nodes);
