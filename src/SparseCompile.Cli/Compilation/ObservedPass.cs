using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Compilation;

/// <summary>
/// A pass that tells an <see cref="ICompileProgress"/> when it starts, so progress shows every pass, including
/// those that report no steps. The last one also announces the writing of the outputs, which follows the passes.
/// </summary>
internal sealed class ObservedPass : ICompilerPass
{
    /// <summary>The name of the phase after the passes: the compiler writes the model, manifest and report.</summary>
    public const string WritePhase = "write outputs";

    private readonly ICompilerPass inner;
    private readonly int index;
    private readonly int phases;
    private readonly ICompileProgress progress;

    private ObservedPass(ICompilerPass inner, int index, int phases, ICompileProgress progress)
    {
        this.inner = inner;
        this.index = index;
        this.phases = phases;
        this.progress = progress;
    }

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>Wraps every pass of <paramref name="passes"/>; the phases are the passes plus the writing of the outputs.</summary>
    public static IReadOnlyList<ICompilerPass> Wrap(IReadOnlyList<ICompilerPass> passes, ICompileProgress progress)
    {
        ArgumentNullException.ThrowIfNull(passes);
        ArgumentNullException.ThrowIfNull(progress);
        return passes.Select((pass, i) => (ICompilerPass)new ObservedPass(pass, i, passes.Count + 1, progress)).ToArray();
    }

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        progress.PhaseStarted(index, phases, inner.Name);
        inner.Run(context);
        if (index == phases - 2)
        {
            progress.PhaseStarted(phases - 1, phases, WritePhase);
        }
    }
}
