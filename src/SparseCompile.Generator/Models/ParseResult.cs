using SparseCompile.Generator.Diagnostics;

namespace SparseCompile.Generator.Models;

/// <summary>What one manifest yields: a model to emit (null when an error stops it) and the diagnostics to report.</summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
