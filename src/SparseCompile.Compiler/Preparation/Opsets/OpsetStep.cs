using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Preparation.Opsets;

/// <summary>
/// Moves a copy of one node from an op's previous version to the next one, in place.
/// Returns null when done, or why the node cannot be moved without changing what it computes.
/// </summary>
internal delegate string? OpsetStep(UpgradeScope scope, NodeProto node);
