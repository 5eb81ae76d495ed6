using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>What upgrading a graph takes: rewritten copies of nodes by index, new initializers, and what blocks it.</summary>
/// <param name="Replacements">Upgraded copies of the nodes that changed, by their index in the graph.</param>
/// <param name="Initializers">Constants the upgraded nodes read (attributes that became inputs).</param>
/// <param name="Blockers">Nodes that cannot be upgraded; when any, nothing may be applied.</param>
internal sealed record OpsetUpgradePlan(
    IReadOnlyDictionary<int, NodeProto> Replacements,
    IReadOnlyList<TensorProto> Initializers,
    IReadOnlyList<OpsetBlocker> Blockers);
