namespace SparseCompile.Compiler.Evaluation;

/// <summary>How much one change of the compile costs on its own, as measured by the gate's fallback.</summary>
/// <param name="Weight">The initializer's name.</param>
/// <param name="Node">The node that reads it (the first, when several do).</param>
/// <param name="Change">"pruned" (N:M or mask) or "quantized" (INT8).</param>
/// <param name="Cosine">The gate cosine on the sensitivity samples with only this change applied.</param>
/// <param name="Kept">True when the fallback undid this change (kept the weight dense, or in float).</param>
public sealed record WeightSensitivity(string Weight, string Node, string Change, double Cosine, bool Kept)
{
    /// <summary>1 − <see cref="Cosine"/>: how far the change alone moves the outputs (NaN counts as the most).</summary>
    public double Loss => double.IsNaN(Cosine) ? double.PositiveInfinity : 1 - Cosine;
}
