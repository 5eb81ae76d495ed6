using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Compilation;

/// <summary>
/// Where a compile's progress goes: each phase's start (the passes, then writing the outputs) and, through
/// <see cref="IProgress{T}"/>, the steps the passes report. Reports arrive on the compiling thread.
/// </summary>
internal interface ICompileProgress : IProgress<PassProgress>
{
    /// <summary>Phase <paramref name="index"/> of <paramref name="count"/> (0-based) starts.</summary>
    void PhaseStarted(int index, int count, string name);

    /// <summary>The compile finished; the last phase is done.</summary>
    void Completed();
}
