using System.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// The gate's fallback. First every change the compile made is measured on its own — each pruned weight with
/// nothing else changed, each quantized weight likewise — on the first few samples; then the changes are undone
/// most costly first: a binary search finds the fewest undone (k) for which the whole compile passes the gate on
/// every sample, assuming more undone never hurts. Cost: one in-memory compile and run per change, plus
/// 1 + ⌈log2(changes)⌉ full evaluations.
/// </summary>
internal sealed class FallbackSearch(CandidateBuilder builder, ReferenceRun reference, AccuracyGateOptions gate,
    IProgress<GateProgress>? progress, CancellationToken cancellation)
{
    /// <summary>Candidates compiled and run so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Seconds spent measuring sensitivities.</summary>
    public double SensitivitySeconds { get; private set; }

    /// <summary>
    /// Finds the keeps; returns the ranked changes, the weights to keep dense and float, and the final evaluation,
    /// or null for the evaluation when even undoing everything fails.
    /// </summary>
    public (IReadOnlyList<WeightSensitivity> Ranked, IReadOnlySet<string> Dense, IReadOnlySet<string> Float, EvaluationResult? Result, EvaluationResult Everything)
        Run(CompiledCandidate baseline, IReadOnlySet<string> givenDense, IReadOnlySet<string> givenFloat)
    {
        var changes = baseline.Pruned.Select(w => (Weight: w, Change: "pruned"))
            .Concat(baseline.Quantized.Select(w => (Weight: w, Change: "quantized")))
            .ToArray();
        var allDense = Union(givenDense, baseline.Pruned);
        var allFloat = Union(givenFloat, baseline.Quantized);

        var clock = Stopwatch.StartNew();
        var measured = new List<WeightSensitivity>(changes.Length);
        for (int i = 0; i < changes.Length; i++)
        {
            var (weight, change) = changes[i];
            progress?.Report(new GateProgress("sensitivity", i, changes.Length, $"{weight} ({change})"));
            var dense = change == "pruned" ? Without(allDense, weight) : allDense;
            var keepFloat = change == "quantized" ? Without(allFloat, weight) : allFloat;
            var result = Evaluate(dense, keepFloat, Math.Max(1, gate.SensitivitySamples));
            measured.Add(new WeightSensitivity(weight, baseline.Nodes.GetValueOrDefault(weight, weight), change, result.Cosine(gate.Outputs), false));
        }

        SensitivitySeconds = clock.Elapsed.TotalSeconds;
        progress?.Report(new GateProgress("sensitivity", changes.Length, changes.Length, null));
        var ranked = measured.Select((s, i) => (s, i)).OrderByDescending(p => p.s.Loss).ThenBy(p => p.i).Select(p => p.s).ToArray();

        var results = new Dictionary<int, EvaluationResult>();
        bool Passes(int k)
        {
            progress?.Report(new GateProgress("search", results.Count, 0, $"{k} of {ranked.Length} changes undone"));
            var (dense, keepFloat) = Keeps(ranked, k, givenDense, givenFloat);
            results[k] = Evaluate(dense, keepFloat, null);
            return GateCheck.Passes(results[k], gate);
        }

        int low = 0, high = ranked.Length;
        if (!Passes(high))
        {
            return (ranked, allDense, allFloat, null, results[high]);
        }

        while (high - low > 1)
        {
            int middle = low + ((high - low) / 2);
            if (Passes(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        var (finalDense, finalFloat) = Keeps(ranked, high, givenDense, givenFloat);
        var kept = ranked.Select((s, i) => s with { Kept = i < high }).ToArray();
        return (kept, finalDense, finalFloat, results[high], results[ranked.Length]);
    }

    private static (IReadOnlySet<string> Dense, IReadOnlySet<string> Float) Keeps(IReadOnlyList<WeightSensitivity> ranked, int k,
        IReadOnlySet<string> givenDense, IReadOnlySet<string> givenFloat) =>
        (Union(givenDense, ranked.Take(k).Where(s => s.Change == "pruned").Select(s => s.Weight)),
         Union(givenFloat, ranked.Take(k).Where(s => s.Change == "quantized").Select(s => s.Weight)));

    private EvaluationResult Evaluate(IReadOnlySet<string> dense, IReadOnlySet<string> keepFloat, int? samples)
    {
        using var candidate = builder.Build(dense, keepFloat, cancellation);
        using var session = candidate.Open("the compiled candidate");
        Evaluations++;
        return reference.Evaluate(session, "the compiled candidate", samples, cancellation);
    }

    private static HashSet<string> Union(IEnumerable<string> a, IEnumerable<string> b)
    {
        var set = new HashSet<string>(a, StringComparer.Ordinal);
        set.UnionWith(b);
        return set;
    }

    private static HashSet<string> Without(IReadOnlySet<string> set, string name)
    {
        var copy = new HashSet<string>(set, StringComparer.Ordinal);
        copy.Remove(name);
        return copy;
    }
}
