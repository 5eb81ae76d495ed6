using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>A BERT-style self-attention block that ONNX Runtime's com.microsoft Attention computes in one node.</summary>
/// <param name="Input">The block input x [batch, sequence, input hidden] that Q, K and V are projected from.</param>
/// <param name="Query">The Q projection, split into heads.</param>
/// <param name="Key">The K projection, split into heads.</param>
/// <param name="Value">The V projection, split into heads.</param>
/// <param name="Scale">The factor the scores Q·Kᵀ are multiplied by before the softmax.</param>
/// <param name="Mask">The additive key-padding mask, or null when the block has none.</param>
/// <param name="Output">The block output [batch, sequence, hidden] (the heads merged back).</param>
/// <param name="Nodes">Every node of the block from the projections to the merging Reshape, which the fused node replaces.</param>
internal sealed record AttentionMatch(
    string Input,
    HeadSplit Query,
    HeadSplit Key,
    HeadSplit Value,
    float Scale,
    MaskMatch? Mask,
    string Output,
    IReadOnlyList<NodeProto> Nodes)
{
    /// <summary>The number of heads.</summary>
    public long Heads => Query.Heads;

    /// <summary>The node whose output the fused node takes over (the merging Reshape).</summary>
    public NodeProto Last => Nodes[^1];
}
