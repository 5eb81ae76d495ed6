using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Passes;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Pipeline;

/// <summary>Compiles a dense model: loads it, runs the passes in order, writes model, manifest and report.</summary>
public static class SparseCompiler
{
    /// <summary>The passes of a compile, in order. Later passes (BatchNorm folding, INT8) slot in here.</summary>
    public static IReadOnlyList<ICompilerPass> DefaultPasses() =>
    [
        new Preparation.UpgradeOpsetPass(),
        new Preparation.FoldBatchNormPass(),
        new FindPrunableWeightsPass(),
        new LoadMaskPass(),
        new SparsifyPass(),
        new Fusion.FusionPass(),
        new Quantization.Dynamic.DynamicQuantizationPass(),
        new Quantization.Static.StaticQuantizationPass(),
    ];

    /// <summary>Compiles <see cref="CompileOptions.ModelPath"/> into <see cref="CompileOptions.OutputDirectory"/>.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">Bad input (model, mask, options); no outputs are written then.</exception>
    public static CompileResult Compile(CompileOptions options, IProgress<PassProgress>? progress = null, CancellationToken cancellation = default) =>
        Compile(options, DefaultPasses(), progress, cancellation);

    /// <summary>Compiles with an explicit list of passes.</summary>
    public static CompileResult Compile(CompileOptions options, IReadOnlyList<ICompilerPass> passes,
        IProgress<PassProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(passes);
        string target = Path.GetFullPath(Path.Combine(options.OutputDirectory, options.ResolvedOutputName + ".onnx"));
        if (string.Equals(target, Path.GetFullPath(options.ModelPath), StringComparison.Ordinal))
        {
            throw new Onnx.Diagnostics.SparseCompileException(Diagnostics.CompileDiagnosticCodes.InvalidOption, options.ModelPath,
                "the compiled model would overwrite the input model; choose another output folder or name");
        }

        if (!QuantizationOptions.SupportedEmbeddingBits.Contains(options.Quantization.EmbeddingBits))
        {
            throw new Onnx.Diagnostics.SparseCompileException(Diagnostics.CompileDiagnosticCodes.InvalidOption, options.ModelPath,
                $"embedding bits must be 8 or 4, not {options.Quantization.EmbeddingBits}");
        }

        using var model = OnnxModel.Load(options.ModelPath);
        // Rewritten weights of 16 MiB and more wait on disk next to the outputs, so memory stays bounded for any model size.
        model.SpillLargeTensorsTo(options.OutputDirectory);
        var context = new CompilationContext(model, options, progress, cancellation);
        context.InputFiles.AddRange(InputHasher.ModelFiles(model, options.ModelPath));
        foreach (var pass in passes)
        {
            cancellation.ThrowIfCancellationRequested();
            pass.Run(context);
        }

        long inputBytes = context.InputFiles.Where(f => f.Role is "model" or "external-data").Sum(f => f.Bytes);
        return CompilationWriter.Write(context, inputBytes);
    }
}
