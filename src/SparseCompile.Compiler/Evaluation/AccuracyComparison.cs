namespace SparseCompile.Compiler.Evaluation;

/// <summary>Both models' top-1 accuracy on labelled samples.</summary>
/// <param name="Output">The [batch, classes] output whose argmax is the prediction.</param>
/// <param name="Count">Labelled rows.</param>
/// <param name="ReferenceCorrect">Rows the reference predicts right.</param>
/// <param name="CandidateCorrect">Rows the candidate predicts right.</param>
public sealed record AccuracyComparison(string Output, int Count, int ReferenceCorrect, int CandidateCorrect)
{
    /// <summary>The reference's accuracy, 0..1.</summary>
    public double ReferenceAccuracy => Count == 0 ? 0 : (double)ReferenceCorrect / Count;

    /// <summary>The candidate's accuracy, 0..1.</summary>
    public double CandidateAccuracy => Count == 0 ? 0 : (double)CandidateCorrect / Count;

    /// <summary>How much accuracy the candidate lost, in percentage points (negative when it gained).</summary>
    public double DropPoints => (ReferenceAccuracy - CandidateAccuracy) * 100;
}
