using SparseCompile.Compiler.Evaluation;

namespace SparseCompile.Cli.Evaluation;

/// <summary>What <c>sparsec eval</c> reports.</summary>
/// <param name="Reference">The reference model as given.</param>
/// <param name="Candidate">The candidate model as given.</param>
/// <param name="Data">The --data path as given, or "generated".</param>
/// <param name="Labels">The --labels file as given, or null.</param>
/// <param name="Result">The measures.</param>
internal sealed record EvalReport(string Reference, string Candidate, string Data, string? Labels, EvaluationResult Result);
