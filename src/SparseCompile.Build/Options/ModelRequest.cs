using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Build.Options;

/// <summary>One <c>&lt;SparseModel&gt;</c> item, resolved against its project and parsed into compiler options.</summary>
/// <param name="ModelPath">The full path of the dense input model.</param>
/// <param name="Options">What to compile and where.</param>
/// <param name="Gate">The accuracy gate; inactive unless MinCosine or MaxDrop is set.</param>
/// <param name="InputFiles">Every file the compile reads besides the model: the mask, calibration, data and labels files.</param>
internal sealed record ModelRequest(string ModelPath, CompileOptions Options, AccuracyGateOptions Gate, IReadOnlyList<string> InputFiles)
{
    /// <summary>The base name of the outputs (the model's file name without extension).</summary>
    public string OutputName => Options.ResolvedOutputName;
}
