using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Cli.Weights;

/// <summary>Magnitude keep-masks for a model's weights, layer-wise or global, optionally projected onto N:M.</summary>
internal static class MagnitudeMaskBuilder
{
    /// <summary>
    /// Keeps the largest |w|: round(density · n) of every weight on its own (<see cref="MaskScope.Layer"/>) or
    /// round(density · N) of all of them ranked together (<see cref="MaskScope.Global"/>). One mask per weight, by name.
    /// </summary>
    public static IReadOnlyDictionary<string, bool[]> Build(IReadOnlyList<WeightValues> weights, double density, MaskScope scope)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var named = weights.Select(w => (w.Name, w.Values)).ToArray();
        return scope == MaskScope.Global
            ? MagnitudeMasks.Global(named, density)
            : MagnitudeMasks.LayerWise(named, density);
    }

    /// <summary>
    /// Restricts <paramref name="keep"/> in place to N:M along the weight's reduction axis: every group keeps at most
    /// N of the weights the mask keeps, the largest by |w|. When the reduction length is not a multiple of M the mask
    /// is left as it is and the result says the pattern does not apply.
    /// </summary>
    public static NMRestructureResult Project(WeightValues weight, bool[] keep, NMPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return NMRestructurer.RestructureInto(weight.Values, keep, weight.Weight.Dims, weight.Weight.ReductionAxis, pattern, keep);
    }
}
