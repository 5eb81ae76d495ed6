using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Weights;

/// <summary>What <c>sparsec mask</c> computed and wrote; renderers only format it.</summary>
/// <param name="Model">The model path as given.</param>
/// <param name="Output">The .npz path as given.</param>
/// <param name="Scope">Layer-wise or global ranking.</param>
/// <param name="Density">The requested fraction to keep.</param>
/// <param name="Sparsity">The N:M pattern the masks were projected onto, or null.</param>
/// <param name="Weights">One entry per mask, in the file's order (graph order of the weights).</param>
/// <param name="Warnings">Weights left out or left unstructured.</param>
internal sealed record MaskReport(
    string Model,
    string Output,
    MaskScope Scope,
    double Density,
    NMPattern? Sparsity,
    IReadOnlyList<MaskEntry> Weights,
    IReadOnlyList<CompileDiagnostic> Warnings)
{
    /// <summary>Elements over all masks.</summary>
    public long Count => Weights.Sum(w => w.Count);

    /// <summary>Kept elements over all masks.</summary>
    public long KeptCount => Weights.Sum(w => w.KeptCount);

    /// <summary>Kept / total over all masks (0 when there are none).</summary>
    public double OverallDensity => Count == 0 ? 0 : (double)KeptCount / Count;
}

/// <summary>One mask written.</summary>
/// <param name="Name">The initializer name: the key in the .npz.</param>
/// <param name="OpType">The op reading the weight.</param>
/// <param name="Dims">The weight's (and the mask's) shape.</param>
/// <param name="Count">Its elements.</param>
/// <param name="KeptCount">Elements the mask keeps.</param>
/// <param name="PatternApplied">With --sparsity: whether the N:M projection applied (false: the reduction length is not a multiple of M); null without.</param>
internal sealed record MaskEntry(string Name, string OpType, IReadOnlyList<long> Dims, long Count, long KeptCount, bool? PatternApplied)
{
    /// <summary>Kept / total (0 for an empty weight).</summary>
    public double Density => Count == 0 ? 0 : (double)KeptCount / Count;
}
