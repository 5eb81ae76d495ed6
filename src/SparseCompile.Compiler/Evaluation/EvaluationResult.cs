namespace SparseCompile.Compiler.Evaluation;

/// <summary>How closely a candidate model follows a reference model on a set of samples.</summary>
/// <param name="Samples">Samples both models ran on.</param>
/// <param name="Outputs">Per output, in the reference's output order.</param>
/// <param name="Accuracy">Both models' accuracy on the labels, or null without labels.</param>
public sealed record EvaluationResult(int Samples, IReadOnlyList<OutputFidelity> Outputs, AccuracyComparison? Accuracy)
{
    /// <summary>
    /// The fidelity the accuracy gate checks: the smallest <see cref="OutputFidelity.Headline"/> cosine over the outputs
    /// (all of them, or those named in <paramref name="outputs"/>); NaN when any is NaN.
    /// </summary>
    public double Cosine(IReadOnlyCollection<string>? outputs = null)
    {
        var chosen = Outputs.Where(o => outputs is null || outputs.Count == 0 || outputs.Contains(o.Name)).ToArray();
        if (chosen.Length == 0)
        {
            return double.NaN;
        }

        return chosen.Any(o => double.IsNaN(o.Headline)) ? double.NaN : chosen.Min(o => o.Headline);
    }
}
