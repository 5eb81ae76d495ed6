using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Output;

/// <summary>Totals of a compile, computed once for the manifest, the report and the CLI.</summary>
/// <param name="PrunableWeights">Weights found in MatMul, Gemm and Conv weight slots.</param>
/// <param name="Sparsified">Weights that got the pattern (or the mask).</param>
/// <param name="Skipped">Weights left dense.</param>
/// <param name="PrunableParameters">Elements of all prunable weights.</param>
/// <param name="SparsifiedParameters">Elements of the weights that were sparsified.</param>
/// <param name="DensityBefore">Nonzero fraction over all prunable weights, before.</param>
/// <param name="DensityAfter">Nonzero fraction over all prunable weights, after.</param>
/// <param name="MaskRetention">Element-weighted retention of mask-kept weights after restructuring, or null without a mask and pattern.</param>
/// <param name="MaskDistance">Element-weighted Hamming distance between the masks and the N:M masks, or null.</param>
/// <param name="InputModelBytes">Bytes of the input model (and its external data).</param>
/// <param name="OutputModelBytes">Bytes of the compiled model (and its external data).</param>
public sealed record CompileSummary(
    int PrunableWeights,
    int Sparsified,
    int Skipped,
    long PrunableParameters,
    long SparsifiedParameters,
    double DensityBefore,
    double DensityAfter,
    double? MaskRetention,
    double? MaskDistance,
    long InputModelBytes,
    long OutputModelBytes)
{
    /// <summary>Bytes of the Brotli-compressed model, or null when the compile did not compress.</summary>
    public long? CompressedModelBytes { get; init; }

    /// <summary>Totals over <paramref name="outcomes"/>.</summary>
    public static CompileSummary From(IReadOnlyList<WeightOutcome> outcomes, long inputBytes, long outputBytes)
    {
        long total = outcomes.Sum(o => o.ElementCount);
        var sparsified = outcomes.Where(o => !o.Skipped).ToArray();
        var masked = sparsified.Where(o => o.MaskRetention is not null).ToArray();
        long maskedTotal = masked.Sum(o => o.ElementCount);
        return new CompileSummary(
            outcomes.Count,
            sparsified.Length,
            outcomes.Count - sparsified.Length,
            total,
            sparsified.Sum(o => o.ElementCount),
            Weighted(outcomes, o => o.DensityBefore, total),
            Weighted(outcomes, o => o.DensityAfter, total),
            maskedTotal == 0 ? null : Weighted(masked, o => o.MaskRetention!.Value * o.MaskDensity!.Value, maskedTotal) / Weighted(masked, o => o.MaskDensity!.Value, maskedTotal),
            maskedTotal == 0 ? null : Weighted(masked, o => o.MaskDistance!.Value, maskedTotal),
            inputBytes,
            outputBytes);
    }

    private static double Weighted(IEnumerable<WeightOutcome> outcomes, Func<WeightOutcome, double> value, long total) =>
        total == 0 ? 0 : outcomes.Sum(o => value(o) * o.ElementCount) / total;
}
