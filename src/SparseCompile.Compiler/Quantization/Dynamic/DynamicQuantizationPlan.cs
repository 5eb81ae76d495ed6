namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>What the dynamic pass will quantize, and which weights of quantizable ops it leaves float.</summary>
/// <param name="Candidates">Weights to quantize, in the graph order of their first reader.</param>
/// <param name="Skipped">Weights left float, with the reason, in the same order.</param>
public sealed record DynamicQuantizationPlan(IReadOnlyList<DynamicCandidate> Candidates, IReadOnlyList<QuantizationSkip> Skipped);
