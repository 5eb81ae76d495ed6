using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// The samples of a gate held in memory with the reference model's outputs on them, computed once, so that
/// each candidate costs one run per sample.
/// </summary>
internal sealed class ReferenceRun
{
    private readonly IReadOnlyList<InputSample> samples;
    private readonly IReadOnlyList<IReadOnlyList<OutputTensor>> outputs;
    private readonly ModelSignature signature;
    private readonly long[]? labels;
    private readonly string? labelsPath;

    private ReferenceRun(IReadOnlyList<InputSample> samples, IReadOnlyList<IReadOnlyList<OutputTensor>> outputs, ModelSignature signature,
        long[]? labels, string? labelsPath)
    {
        this.samples = samples;
        this.outputs = outputs;
        this.signature = signature;
        this.labels = labels;
        this.labelsPath = labelsPath;
    }

    /// <summary>The number of samples.</summary>
    public int Count => samples.Count;

    /// <summary>Reads the samples and runs the reference model on each.</summary>
    public static ReferenceRun Create(string referencePath, IEnumerable<InputSample> samples, string? labelsPath,
        Action<int>? sampleDone = null, CancellationToken cancellation = default)
    {
        long[]? labels = labelsPath is null ? null : LabelsFile.Read(labelsPath);
        using var session = EvaluationSession.Open(referencePath);
        var held = new List<InputSample>();
        var outputs = new List<IReadOnlyList<OutputTensor>>();
        foreach (var sample in samples)
        {
            cancellation.ThrowIfCancellationRequested();
            held.Add(sample);
            outputs.Add(session.Run(sample));
            sampleDone?.Invoke(held.Count);
        }

        return held.Count > 0
            ? new ReferenceRun(held, outputs, session.Signature, labels, labelsPath)
            : throw new SparseCompileException(EvaluationDiagnosticCodes.DataNotFound, referencePath, "no samples to evaluate the compiled model on");
    }

    /// <summary>Runs <paramref name="candidate"/> on the first <paramref name="limit"/> samples (all when null) and compares; labels count only over all samples.</summary>
    public EvaluationResult Evaluate(EvaluationSession candidate, string candidateName, int? limit = null, CancellationToken cancellation = default)
    {
        Comparability.Check(signature, candidate.Signature, candidateName);
        int count = Math.Min(limit ?? Count, Count);
        bool withLabels = labels is not null && count == Count;
        var accumulator = new FidelityAccumulator(signature.OutputNames, withLabels ? labels : null, labelsPath);
        for (int i = 0; i < count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            accumulator.Add(samples[i], outputs[i], candidate.Run(samples[i], signature.OutputNames));
        }

        return accumulator.Result();
    }
}
