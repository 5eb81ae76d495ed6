using SparseCompile.Cli.Weights;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Cli.EarlyBirds;

/// <summary>What <c>sparsec earlybird</c> found; renderers only format it.</summary>
/// <param name="Files">The checkpoints as given, in training order.</param>
/// <param name="Density">The fraction every mask keeps.</param>
/// <param name="Scope">Layer-wise or global ranking.</param>
/// <param name="WeightCount">Prunable weights masked per checkpoint.</param>
/// <param name="ParameterCount">Their elements.</param>
/// <param name="Report">The distances and the verdict of the rule.</param>
/// <param name="Warnings">Weights left out (from the first checkpoint; the others have the same weights).</param>
internal sealed record EarlyBirdResult(
    IReadOnlyList<string> Files,
    double Density,
    MaskScope Scope,
    int WeightCount,
    long ParameterCount,
    EarlyBirdReport Report,
    IReadOnlyList<CompileDiagnostic> Warnings)
{
    /// <summary>The file of the checkpoint where the ticket emerged, or null.</summary>
    public string? EmergedFile => Report.EmergedAt is int i ? Files[i] : null;
}
