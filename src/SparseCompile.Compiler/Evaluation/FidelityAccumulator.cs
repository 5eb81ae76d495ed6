using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// Compares the outputs of a reference and a candidate sample by sample, and counts correct predictions when
/// labels are given (the argmax of the first [batch, classes] output, one label per row in sample order).
/// </summary>
internal sealed class FidelityAccumulator
{
    /// <summary>The input whose 0/1 flags mark real tokens, for sentence embeddings.</summary>
    public const string AttentionMaskInput = "attention_mask";

    private readonly OutputAccumulator[] outputs;
    private readonly IReadOnlyList<string> names;
    private readonly long[]? labels;
    private readonly string? labelsPath;
    private string? classOutput;
    private int samples;
    private int rows;
    private int referenceCorrect;
    private int candidateCorrect;

    public FidelityAccumulator(IReadOnlyList<string> outputNames, long[]? labels, string? labelsPath)
    {
        names = outputNames;
        outputs = outputNames.Select(n => new OutputAccumulator(n)).ToArray();
        this.labels = labels;
        this.labelsPath = labelsPath;
    }

    /// <summary>Adds one sample's outputs (both in <c>outputNames</c> order).</summary>
    public void Add(InputSample sample, IReadOnlyList<OutputTensor> reference, IReadOnlyList<OutputTensor> candidate)
    {
        var mask = sample.Find(AttentionMaskInput);
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i].Add(reference[i], candidate[i], mask, sample.Source);
        }

        samples++;
        if (labels is not null)
        {
            CountCorrect(reference, candidate);
        }
    }

    /// <summary>The summary; SC1178 when the labels were not used up exactly.</summary>
    public EvaluationResult Result()
    {
        AccuracyComparison? accuracy = null;
        if (labels is not null)
        {
            if (rows != labels.Length)
            {
                throw new SparseCompileException(EvaluationDiagnosticCodes.InvalidLabels, labelsPath,
                    $"the file has {labels.Length} labels but the samples have {rows} rows of output '{classOutput}'");
            }

            accuracy = new AccuracyComparison(classOutput!, rows, referenceCorrect, candidateCorrect);
        }

        return new EvaluationResult(samples, outputs.Select(o => o.Result()).ToArray(), accuracy);
    }

    private void CountCorrect(IReadOnlyList<OutputTensor> reference, IReadOnlyList<OutputTensor> candidate)
    {
        int index = classOutput is null ? FindClassOutput(reference) : IndexOf(classOutput);
        classOutput = names[index];
        var dims = reference[index].Dims;
        int batch = (int)dims[0], classes = (int)dims[1];
        for (int row = 0; row < batch; row++, rows++)
        {
            if (rows >= labels!.Length)
            {
                throw new SparseCompileException(EvaluationDiagnosticCodes.InvalidLabels, labelsPath,
                    $"the file has {labels.Length} labels but the samples have more rows of output '{classOutput}'");
            }

            long label = labels[rows];
            if (FidelityMetrics.ArgMax(reference[index].Values.AsSpan(row * classes, classes)) == label)
            {
                referenceCorrect++;
            }

            if (FidelityMetrics.ArgMax(candidate[index].Values.AsSpan(row * classes, classes)) == label)
            {
                candidateCorrect++;
            }
        }
    }

    private int FindClassOutput(IReadOnlyList<OutputTensor> reference)
    {
        for (int i = 0; i < reference.Count; i++)
        {
            if (reference[i].Dims.Count == 2 && reference[i].Dims[1] > 1)
            {
                return i;
            }
        }

        throw new SparseCompileException(EvaluationDiagnosticCodes.InvalidLabels, labelsPath,
            "labels were given, but the model has no [batch, classes] output to take predictions from");
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return 0;
    }
}
