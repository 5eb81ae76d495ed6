using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>Collects the per-sample measures of one output and sums them up.</summary>
internal sealed class OutputAccumulator(string name)
{
    private readonly List<double> cosines = [];
    private readonly List<double> sentenceCosines = [];
    private IReadOnlyList<long>? firstDims;
    private double maxAbsError;
    private long topRows;
    private long topAgreements;

    /// <summary>Adds one sample's outputs; SC3005 when their shapes differ.</summary>
    public void Add(OutputTensor reference, OutputTensor candidate, SampleTensor? attentionMask, string source)
    {
        if (!reference.Dims.SequenceEqual(candidate.Dims))
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.ModelsNotComparable, source,
                $"output '{name}' has shape {SampleConformance.Shape(reference.Dims)} in the reference but {SampleConformance.Shape(candidate.Dims)} in the candidate", name);
        }

        firstDims ??= reference.Dims;
        cosines.Add(FidelityMetrics.Cosine(reference.Values, candidate.Values));
        double error = FidelityMetrics.MaxAbsError(reference.Values, candidate.Values);
        maxAbsError = double.IsNaN(error) || double.IsNaN(maxAbsError) ? double.NaN : Math.Max(maxAbsError, error);
        var dims = reference.Dims;
        if (dims.Count == 2 && dims[1] > 1)
        {
            topRows += dims[0];
            topAgreements += FidelityMetrics.Top1Agreements(reference.Values, candidate.Values, (int)dims[0], (int)dims[1]);
        }

        if (dims.Count == 3 && attentionMask is { } mask && mask.Dims.Count == 2 && mask.Dims[0] == dims[0] && mask.Dims[1] == dims[1])
        {
            long[] flags = ElementConversion.Convert(mask, DataType.Int64, source).AsSpan<long>().ToArray();
            int batch = (int)dims[0], seq = (int)dims[1], hidden = (int)dims[2];
            var a = FidelityMetrics.MeanPool(reference.Values, flags, batch, seq, hidden);
            var b = FidelityMetrics.MeanPool(candidate.Values, flags, batch, seq, hidden);
            for (int row = 0; row < batch; row++)
            {
                sentenceCosines.Add(FidelityMetrics.Cosine(a[row], b[row]));
            }
        }
    }

    /// <summary>The summary over every sample added.</summary>
    public OutputFidelity Result() => new(
        name,
        firstDims ?? [],
        Mean(cosines),
        Min(cosines),
        sentenceCosines.Count == 0 ? null : Mean(sentenceCosines),
        sentenceCosines.Count == 0 ? null : Min(sentenceCosines),
        maxAbsError,
        topRows == 0 ? null : (double)topAgreements / topRows);

    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();

    private static double Min(List<double> values) => values.Count == 0 ? double.NaN : values.Any(double.IsNaN) ? double.NaN : values.Min();
}
