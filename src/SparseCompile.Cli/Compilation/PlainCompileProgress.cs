using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Compilation;

/// <summary>Progress for logs and pipes: one <c>[i/n] phase</c> line per phase, nothing per tensor.</summary>
internal sealed class PlainCompileProgress(TextWriter output) : ICompileProgress
{
    /// <inheritdoc />
    public void PhaseStarted(int index, int count, string name)
    {
        output.WriteLine($"[{index + 1}/{count}] {name}");
        output.Flush();
    }

    /// <inheritdoc />
    public void Report(PassProgress value)
    {
        // Steps are per tensor: too many lines for a log.
    }

    /// <inheritdoc />
    public void Completed()
    {
    }
}
