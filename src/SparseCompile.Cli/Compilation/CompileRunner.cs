using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Compilation;

/// <summary>Runs <see cref="SparseCompiler"/> with the default passes, reporting to an optional progress.</summary>
internal static class CompileRunner
{
    /// <summary>Compiles; <paramref name="progress"/> null reports nothing.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">Bad input; the compiler then writes no outputs.</exception>
    public static CompileResult Run(CompileOptions options, ICompileProgress? progress)
    {
        var passes = SparseCompiler.DefaultPasses();
        if (progress is null)
        {
            return SparseCompiler.Compile(options, passes);
        }

        var result = SparseCompiler.Compile(options, ObservedPass.Wrap(passes, progress), progress);
        progress.Completed();
        return result;
    }
}
