using SparseCompile.Compiler.Output;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>A compile that passed its accuracy gate.</summary>
/// <param name="Compile">What the compile wrote.</param>
/// <param name="Gate">What the gate measured and decided.</param>
public sealed record GateResult(CompileResult Compile, GateReport Gate);
