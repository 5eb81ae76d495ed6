namespace SparseCompile.Compiler.Pipeline;

/// <summary>What the compile did to one prunable weight.</summary>
/// <param name="Name">The initializer's name.</param>
/// <param name="OpType">The op that reads it (MatMul, Gemm, Conv).</param>
/// <param name="Dims">Its shape.</param>
/// <param name="ReductionAxis">The axis N:M groups run along.</param>
/// <param name="Pattern">"2:4" (or another N:M), "unstructured" when only a mask was applied, or "dense" when left alone.</param>
/// <param name="DensityBefore">Fraction of nonzero weights in the input model.</param>
/// <param name="DensityAfter">Fraction of nonzero weights in the compiled model.</param>
/// <param name="Compliant">True when the written weight satisfies the requested N:M pattern along its reduction axis (checked on the values, not assumed).</param>
/// <param name="MaskKey">The mask key applied to it, or null.</param>
/// <param name="MaskDensity">Fraction the mask keeps, or null without a mask.</param>
/// <param name="MaskRetention">Fraction of the mask's kept weights that survive N:M restructuring, or null.</param>
/// <param name="MaskDistance">Normalized Hamming distance between the mask and the N:M mask, or null.</param>
/// <param name="SkipCode">Why the weight was left dense: an SC2xxx code, "excluded", or null when it was not skipped.</param>
/// <param name="SkipReason">The reason in words, or null.</param>
public sealed record WeightOutcome(
    string Name,
    string OpType,
    IReadOnlyList<long> Dims,
    int ReductionAxis,
    string Pattern,
    double DensityBefore,
    double DensityAfter,
    bool Compliant,
    string? MaskKey,
    double? MaskDensity,
    double? MaskRetention,
    double? MaskDistance,
    string? SkipCode,
    string? SkipReason)
{
    /// <summary>Number of weights.</summary>
    public long ElementCount => Dims.Aggregate(1L, (a, d) => a * d);

    /// <summary>True when the weight was left dense.</summary>
    public bool Skipped => SkipCode is not null;
}
