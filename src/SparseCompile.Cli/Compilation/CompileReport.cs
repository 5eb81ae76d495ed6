using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Compilation;

/// <summary>What <c>sparsec compile</c> reports: the options, the files written and the compiler's result.</summary>
/// <param name="Options">The options, with paths as given.</param>
/// <param name="Outputs">The files written, spelled under the output folder as given.</param>
/// <param name="Result">Totals, per-weight outcomes and warnings.</param>
/// <param name="Gate">What the accuracy gate measured and decided, or null without a gate.</param>
internal sealed record CompileReport(CompileOptions Options, CompileOutputs Outputs, CompileResult Result, GateReport? Gate = null);
