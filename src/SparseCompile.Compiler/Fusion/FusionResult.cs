namespace SparseCompile.Compiler.Fusion;

/// <summary>A subgraph the fusion pass replaced with one node.</summary>
/// <param name="OpType">The fused op: Attention or SkipLayerNormalization (com.microsoft).</param>
/// <param name="Node">The new node's name.</param>
/// <param name="Replaced">How many nodes it replaced (the matched ones; dead shape arithmetic goes too).</param>
/// <param name="Detail">What was fused, in words.</param>
public sealed record FusedSubgraph(string OpType, string Node, int Replaced, string Detail);

/// <summary>A candidate the pass looked at and left alone.</summary>
/// <param name="Anchor">The node the match started from (the Softmax of an attention block, the ReduceMean of a layer norm).</param>
/// <param name="Reason">Why it was left alone.</param>
public sealed record FusionSkip(string Anchor, string Reason);

/// <summary>What a fusion run did.</summary>
/// <param name="Fused">The fused subgraphs, attention blocks first, each kind in graph order.</param>
/// <param name="Skipped">The candidates left alone.</param>
public sealed record FusionResult(IReadOnlyList<FusedSubgraph> Fused, IReadOnlyList<FusionSkip> Skipped)
{
    /// <summary>How many nodes of <paramref name="opType"/> the run created.</summary>
    public int Count(string opType) => Fused.Count(f => f.OpType == opType);
}
