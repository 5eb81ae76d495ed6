using SparseCompile.Compiler.Data;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>The accuracy gate of a compile: what the compiled model must reach on which samples, and whether to fall back.</summary>
public sealed record AccuracyGateOptions
{
    /// <summary>The samples the gate runs: a data path or generated inputs, and how many.</summary>
    public SampleOptions Samples { get; init; } = new();

    /// <summary>The lowest acceptable cosine (<see cref="EvaluationResult.Cosine"/>); null checks no cosine.</summary>
    public double? MinCosine { get; init; }

    /// <summary>The most accuracy the compiled model may lose on the labels, in percentage points; null checks no accuracy.</summary>
    public double? MaxDrop { get; init; }

    /// <summary>The labels file for <see cref="MaxDrop"/>: one integer class a line, in sample order.</summary>
    public string? LabelsPath { get; init; }

    /// <summary>When the gate fails, keep the most sensitive weights dense (and in float) until it holds, instead of failing.</summary>
    public bool Fallback { get; init; }

    /// <summary>How many samples (the first ones) rank the weights' sensitivity in the fallback.</summary>
    public int SensitivitySamples { get; init; } = 4;

    /// <summary>The outputs the cosine is taken over; empty takes every output.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>True when the gate checks anything.</summary>
    public bool IsActive => MinCosine is not null || MaxDrop is not null;
}
