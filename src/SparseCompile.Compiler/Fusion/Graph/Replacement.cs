using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>One rewrite: nodes that go, and the nodes (and initializers) that take the place of the last of them.</summary>
/// <param name="Remove">The matched nodes; the graph must not need any of their outputs except those <paramref name="Insert"/> produces again.</param>
/// <param name="Anchor">The node (one of <paramref name="Remove"/>) whose place the new nodes take.</param>
/// <param name="Insert">The new nodes, in order.</param>
/// <param name="Initializers">New initializers the new nodes read.</param>
internal sealed record Replacement(IReadOnlyList<NodeProto> Remove, NodeProto Anchor, IReadOnlyList<NodeProto> Insert, IReadOnlyList<TensorProto> Initializers)
{
    /// <summary>The values the new nodes produce.</summary>
    public IEnumerable<string> Produced => Insert.SelectMany(n => n.Output).Where(o => o.Length > 0);
}
