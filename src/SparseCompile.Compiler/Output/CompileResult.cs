using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Output;

/// <summary>What a compile wrote and found.</summary>
/// <param name="ModelPath">The compiled model.</param>
/// <param name="ExternalDataPath">Its external data file, or null when the weights are embedded.</param>
/// <param name="ManifestPath">The <c>.sparsemodel.json</c> manifest.</param>
/// <param name="ReportPath">The <c>.report.html</c> report.</param>
/// <param name="Summary">The totals.</param>
/// <param name="Weights">What happened to each prunable weight, in graph order.</param>
/// <param name="Warnings">Warnings raised, in order.</param>
public sealed record CompileResult(
    string ModelPath,
    string? ExternalDataPath,
    string ManifestPath,
    string ReportPath,
    CompileSummary Summary,
    IReadOnlyList<WeightOutcome> Weights,
    IReadOnlyList<CompileDiagnostic> Warnings)
{
    /// <summary>The Brotli-compressed model (<c>&lt;name&gt;.onnx.br</c>), or null when the compile did not compress.</summary>
    public string? CompressedModelPath { get; init; }
}
