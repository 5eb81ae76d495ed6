namespace SparseCompile.Compiler.Pipeline;

/// <summary>A warning raised while compiling; the compile goes on. Errors are thrown as SparseCompileException instead.</summary>
/// <param name="Code">A stable SC2xxx code.</param>
/// <param name="Message">What happened, in one sentence.</param>
/// <param name="Subject">The tensor or node name it concerns, or null.</param>
public sealed record CompileDiagnostic(string Code, string Message, string? Subject);
