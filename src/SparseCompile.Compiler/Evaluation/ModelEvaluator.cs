using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>Runs a reference and a candidate model on the same samples and measures how closely the candidate follows.</summary>
public static class ModelEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="candidatePath"/> against <paramref name="referencePath"/>. Samples come from the
    /// options' data path or are generated from the reference's inputs; they are streamed, one at a time.
    /// </summary>
    /// <exception cref="SparseCompileException">SC117x for bad samples or labels, SC3004 when a model cannot run, SC3005 when the models cannot be compared.</exception>
    public static EvaluationResult Evaluate(string referencePath, string candidatePath, EvaluationOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(referencePath);
        ArgumentNullException.ThrowIfNull(candidatePath);
        ArgumentNullException.ThrowIfNull(options);
        using var model = OnnxModel.Load(referencePath);
        OnnxModel.Load(candidatePath).Dispose(); // the model layer's checks and codes before ONNX Runtime's
        long[]? labels = options.LabelsPath is null ? null : LabelsFile.Read(options.LabelsPath);
        var samples = InputSamples.Enumerate(model, options.Samples);
        using var reference = EvaluationSession.Open(referencePath);
        using var candidate = EvaluationSession.Open(candidatePath);
        Comparability.Check(reference.Signature, candidate.Signature, candidatePath);
        var accumulator = new FidelityAccumulator(reference.OutputNames, labels, options.LabelsPath);
        int count = 0;
        foreach (var sample in samples)
        {
            cancellation.ThrowIfCancellationRequested();
            accumulator.Add(sample, reference.Run(sample), candidate.Run(sample, reference.OutputNames));
            count++;
        }

        return count > 0
            ? accumulator.Result()
            : throw new SparseCompileException(EvaluationDiagnosticCodes.DataNotFound, options.Samples.DataPath, "no samples to evaluate on (--samples 0?)");
    }
}
