namespace SparseCompile.Compiler.Evaluation;

/// <summary>Progress of the accuracy gate: step <see cref="Step"/> of <see cref="Steps"/> of a stage.</summary>
/// <param name="Stage">reference (running the input model), evaluate, sensitivity, search or write.</param>
/// <param name="Step">Steps done.</param>
/// <param name="Steps">Steps in all (0 when unknown).</param>
/// <param name="Item">What is being worked on (a weight, a candidate), or null.</param>
public sealed record GateProgress(string Stage, int Step, int Steps, string? Item);
