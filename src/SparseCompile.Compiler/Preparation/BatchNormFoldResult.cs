namespace SparseCompile.Compiler.Preparation;

/// <summary>What <see cref="FoldBatchNormPass"/> did.</summary>
/// <param name="Folded">Each fold, in graph order.</param>
/// <param name="Kept">The BatchNormalization nodes left in place, with the reason.</param>
public sealed record BatchNormFoldResult(IReadOnlyList<BatchNormFold> Folded, IReadOnlyList<BatchNormKept> Kept);
