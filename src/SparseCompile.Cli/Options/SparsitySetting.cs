using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Cli.Options;

/// <summary>
/// The value of a --sparsity option: an N:M pattern, or none. A wrapper because System.CommandLine cannot bind
/// a null parsed value to a nullable struct.
/// </summary>
/// <param name="Pattern">The pattern; null for <c>none</c>.</param>
internal readonly record struct SparsitySetting(NMPattern? Pattern)
{
    /// <summary>How the setting is spelled: N:M or none.</summary>
    public override string ToString() => Pattern?.ToString() ?? PatternOptions.None;
}
