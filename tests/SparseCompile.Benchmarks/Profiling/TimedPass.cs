using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Benchmarks.Profiling;

/// <summary>
/// Wraps a compiler pass so a <see cref="PhaseSampler"/> opens a phase when it starts (the last one also opens
/// <c>write outputs</c>, which follows the passes), as the CLI's ObservedPass does for progress.
/// </summary>
public sealed class TimedPass(ICompilerPass inner, PhaseSampler sampler, bool last) : ICompilerPass
{
    /// <summary>The phase after the passes.</summary>
    public const string WritePhase = "write outputs";

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>Wraps every pass of <paramref name="passes"/>.</summary>
    public static IReadOnlyList<ICompilerPass> Wrap(IReadOnlyList<ICompilerPass> passes, PhaseSampler sampler) =>
        passes.Select((pass, i) => (ICompilerPass)new TimedPass(pass, sampler, i == passes.Count - 1)).ToArray();

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        sampler.Begin(inner.Name);
        inner.Run(context);
        if (last)
        {
            sampler.Begin(WritePhase);
        }
    }
}
