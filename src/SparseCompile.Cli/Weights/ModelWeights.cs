using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Weights;

/// <summary>The prunable weights of one model file, with the values of those that can be ranked by magnitude.</summary>
/// <param name="File">The model path as the user gave it.</param>
/// <param name="All">Every prunable weight (MatMul B, Gemm B, Conv W), in graph order of first use.</param>
/// <param name="Ranked">The float-typed ones with their values, in the same order.</param>
/// <param name="Warnings">One SC2004 warning per weight left out because it is not a float type.</param>
internal sealed record ModelWeights(
    string File,
    IReadOnlyList<PrunableWeight> All,
    IReadOnlyList<WeightValues> Ranked,
    IReadOnlyList<CompileDiagnostic> Warnings);
