using SparseCompile.Compiler.Data;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>What <see cref="ModelEvaluator"/> runs the models on.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The samples: a data path or generated inputs, and how many.</summary>
    public SampleOptions Samples { get; init; } = new();

    /// <summary>A labels file (one integer class per line, in sample order) for accuracy; null for none.</summary>
    public string? LabelsPath { get; init; }
}
