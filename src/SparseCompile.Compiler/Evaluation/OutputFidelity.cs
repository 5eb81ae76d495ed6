namespace SparseCompile.Compiler.Evaluation;

/// <summary>How closely one output of the candidate follows the reference over all samples.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Dims">Its shape on the first sample.</param>
/// <param name="MeanCosine">The mean over samples of the cosine between the flattened outputs.</param>
/// <param name="MinCosine">The smallest of those cosines.</param>
/// <param name="SentenceMeanCosine">For [batch, seq, hidden] outputs of a model with an attention_mask input: the mean cosine of the mean-pooled sentence embeddings, over every sentence; otherwise null.</param>
/// <param name="SentenceMinCosine">The smallest sentence-embedding cosine, or null.</param>
/// <param name="MaxAbsError">The largest absolute difference of any element.</param>
/// <param name="Top1Agreement">For [batch, classes] outputs with more than one class: the fraction of rows whose top-1 class agrees; otherwise null.</param>
public sealed record OutputFidelity(
    string Name,
    IReadOnlyList<long> Dims,
    double MeanCosine,
    double MinCosine,
    double? SentenceMeanCosine,
    double? SentenceMinCosine,
    double MaxAbsError,
    double? Top1Agreement)
{
    /// <summary>The cosine that stands for this output: the sentence-embedding cosine where there is one (what matters for sentence encoders), else the mean cosine.</summary>
    public double Headline => SentenceMeanCosine ?? MeanCosine;

    /// <summary>"sentence-cosine" or "cosine": which cosine <see cref="Headline"/> is.</summary>
    public string HeadlineMetric => SentenceMeanCosine is null ? "cosine" : "sentence-cosine";
}
