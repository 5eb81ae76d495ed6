using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// Compiles variants of one model in memory: the input model is loaded once, and each variant runs the compiler's
/// passes on a copy of it (initializer bytes are shared, not copied) with its own KeepDense and KeepFloat. Nothing is
/// written to the output folder; the written compile runs the same passes on the same options.
/// </summary>
internal sealed class CandidateBuilder : IDisposable
{
    /// <summary>The file name of a candidate too large to hold in memory, inside its temporary folder.</summary>
    public const string FileName = "candidate.onnx";

    private readonly CompileOptions options;
    private readonly Func<IReadOnlyList<ICompilerPass>> passes;

    public CandidateBuilder(CompileOptions options, Func<IReadOnlyList<ICompilerPass>>? passes = null)
    {
        this.options = options;
        this.passes = passes ?? SparseCompiler.DefaultPasses;
        Model = OnnxModel.Load(options.ModelPath);
    }

    /// <summary>The input model, as loaded.</summary>
    public OnnxModel Model { get; }

    /// <summary>Compiles the model with <paramref name="keepDense"/> and <paramref name="keepFloat"/> in place of the options' own.</summary>
    public CompiledCandidate Build(IReadOnlySet<string> keepDense, IReadOnlySet<string> keepFloat, CancellationToken cancellation = default)
    {
        using var model = OnnxModel.FromProto(Model.Proto.Clone(), Model.Folder);
        var context = new CompilationContext(model, options with { KeepDense = keepDense, KeepFloat = keepFloat }, null, cancellation);
        foreach (var pass in passes())
        {
            cancellation.ThrowIfCancellationRequested();
            pass.Run(context);
        }

        var pruned = context.Weights.Select(w => w.Name)
            .Where(n => context.Outcomes.TryGetValue(n, out var o) && !o.Skipped && o.Pattern != "dense")
            .ToArray();
        var quantized = context.Quantized.Select(q => q.Weight).Distinct(StringComparer.Ordinal).ToArray();
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var weight in context.Weights.Where(w => w.Uses.Count > 0))
        {
            nodes.TryAdd(weight.Name, weight.Uses[0].NodeName);
        }

        foreach (var q in context.Quantized)
        {
            nodes.TryAdd(q.Weight, q.Node);
        }

        try
        {
            return new CompiledCandidate(model.ToByteArray(), null, pruned, quantized, nodes);
        }
        catch (SparseCompileException e) when (e.Code == Onnx.Diagnostics.DiagnosticCodes.CannotEmbed)
        {
            // Over 2 GB: one protobuf cannot hold it, so it goes to a temporary file with external data.
            string folder = Path.Combine(Path.GetTempPath(), "sparsecompile-gate-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            model.Save(Path.Combine(folder, FileName), new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
            return new CompiledCandidate(null, folder, pruned, quantized, nodes);
        }
    }

    public void Dispose() => Model.Dispose();
}
