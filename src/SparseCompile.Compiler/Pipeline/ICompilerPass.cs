namespace SparseCompile.Compiler.Pipeline;

/// <summary>One step of a compile: takes the graph and the context, edits them in place.</summary>
public interface ICompilerPass
{
    /// <summary>A short name, shown in progress and reports.</summary>
    string Name { get; }

    /// <summary>Runs the pass. Throws SparseCompileException for bad input; adds warnings to the context.</summary>
    void Run(CompilationContext context);
}
