namespace SparseCompile.Compiler.Pipeline;

/// <summary>What the accuracy gate measured and decided, written into the manifest. No timings, so manifests stay deterministic.</summary>
/// <param name="Data">Where the samples came from (a folder, or "generated").</param>
/// <param name="Samples">How many samples were evaluated.</param>
/// <param name="MinCosine">The required cosine, or null.</param>
/// <param name="MaxDrop">The allowed accuracy drop in percentage points, or null.</param>
/// <param name="Metric">The metric the gate reads (sentence-cosine or cosine).</param>
/// <param name="MetricOutput">The output whose metric was lowest.</param>
/// <param name="CosineBefore">The cosine of the full compile, before any fallback.</param>
/// <param name="CosineAfter">The cosine of what is written.</param>
/// <param name="AccuracyDropBefore">The accuracy drop before fallback (with labels), or null.</param>
/// <param name="AccuracyDropAfter">The accuracy drop of what is written (with labels), or null.</param>
/// <param name="FallbackUsed">True when layers were kept dense or float to pass.</param>
/// <param name="KeptDense">Weights the fallback left unpruned.</param>
/// <param name="KeptFloat">Weights the fallback left in float.</param>
/// <param name="Evaluations">How many candidate models were evaluated.</param>
/// <param name="Sensitivities">Each change measured alone, most damaging first.</param>
public sealed record AccuracyGateSummary(
    string Data,
    int Samples,
    double? MinCosine,
    double? MaxDrop,
    string Metric,
    string MetricOutput,
    double CosineBefore,
    double CosineAfter,
    double? AccuracyDropBefore,
    double? AccuracyDropAfter,
    bool FallbackUsed,
    IReadOnlyList<string> KeptDense,
    IReadOnlyList<string> KeptFloat,
    int Evaluations,
    IReadOnlyList<GateSensitivity> Sensitivities);

/// <summary>The fidelity of the model with one change (one pruned or one quantized weight) and nothing else.</summary>
/// <param name="Weight">The weight.</param>
/// <param name="Node">The node that reads it.</param>
/// <param name="Change">pruned or quantized.</param>
/// <param name="Cosine">The gate's metric with only this change.</param>
/// <param name="Kept">True when the fallback undid this change.</param>
public sealed record GateSensitivity(string Weight, string Node, string Change, double Cosine, bool Kept);
