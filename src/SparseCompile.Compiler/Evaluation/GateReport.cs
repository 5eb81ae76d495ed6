using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>What the accuracy gate measured and decided, for the manifest, the report and the CLI.</summary>
/// <param name="Data">"generated" or the data path.</param>
/// <param name="Samples">Samples the gate ran.</param>
/// <param name="MinCosine">The required cosine, or null.</param>
/// <param name="MaxDrop">The allowed accuracy drop in percentage points, or null.</param>
/// <param name="Metric">"sentence-cosine" or "cosine": what the gate cosine of the written model is (see <see cref="OutputFidelity.Headline"/>).</param>
/// <param name="MetricOutput">The output whose cosine is lowest, and so is the gate cosine.</param>
/// <param name="Before">The compiled model as asked for, against the input model.</param>
/// <param name="After">The compiled model after the fallback, or null when the fallback was not needed.</param>
/// <param name="Sensitivities">Every change the fallback measured, most costly first; empty without fallback.</param>
/// <param name="KeptDense">Weights the fallback left unpruned.</param>
/// <param name="KeptFloat">Weights the fallback left in float.</param>
/// <param name="Evaluations">Models the gate ran on every (or, ranking, the first few) samples: in-memory candidates and the written model.</param>
/// <param name="SensitivitySeconds">Time spent ranking the weights.</param>
/// <param name="TotalSeconds">Time the whole gate took, writing included.</param>
public sealed record GateReport(
    string Data,
    int Samples,
    double? MinCosine,
    double? MaxDrop,
    string Metric,
    string MetricOutput,
    EvaluationResult Before,
    EvaluationResult? After,
    IReadOnlyList<WeightSensitivity> Sensitivities,
    IReadOnlyList<string> KeptDense,
    IReadOnlyList<string> KeptFloat,
    int Evaluations,
    double SensitivitySeconds,
    double TotalSeconds)
{
    /// <summary>The evaluation of the model that was written.</summary>
    public EvaluationResult Final => After ?? Before;

    /// <summary>The gate cosine before the fallback.</summary>
    public double CosineBefore => Before.Cosine(GatedOutputs);

    /// <summary>The gate cosine of the written model.</summary>
    public double CosineAfter => Final.Cosine(GatedOutputs);

    /// <summary>The outputs the cosine is taken over; empty for all.</summary>
    public IReadOnlyList<string> GatedOutputs { get; init; } = [];

    /// <summary>True when the fallback changed the compile.</summary>
    public bool FallbackUsed => After is not null;

    /// <summary>The part of the report that goes into the manifest (no timings).</summary>
    public AccuracyGateSummary ToSummary() => new(
        Data, Samples, MinCosine, MaxDrop, Metric, MetricOutput, CosineBefore, CosineAfter,
        Before.Accuracy?.DropPoints, Final.Accuracy?.DropPoints, FallbackUsed, KeptDense, KeptFloat, Evaluations,
        Sensitivities.Select(s => new GateSensitivity(s.Weight, s.Node, s.Change, s.Cosine, s.Kept)).ToArray());
}
