namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>
/// The contents of a small integer tensor used for shape arithmetic (the output of Shape, Gather, Unsqueeze, Concat):
/// one symbolic dimension per element.
/// </summary>
/// <param name="Items">The elements, in order (one for a scalar).</param>
/// <param name="Scalar">True for a rank-0 tensor, false for a 1-D one.</param>
internal sealed record DimList(IReadOnlyList<string> Items, bool Scalar);
