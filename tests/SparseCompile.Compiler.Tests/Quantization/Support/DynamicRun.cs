using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Quantization.Support;

/// <summary>Runs the dynamic pass (optionally after N:M sparsify) on a model in memory.</summary>
internal static class DynamicRun
{
    public static CompileOptions Options(NMPattern? sparsity = null, IReadOnlyList<string>? exclude = null, QuantizationMode mode = QuantizationMode.Dynamic) => new()
    {
        ModelPath = "model.onnx",
        OutputDirectory = "out",
        Sparsity = sparsity,
        Exclude = exclude ?? [],
        Quantization = new QuantizationOptions { Mode = mode },
    };

    /// <summary>Quantizes <paramref name="model"/> in place; with a pattern the weights are first made N:M as a compile would.</summary>
    public static CompilationContext Quantize(OnnxModel model, NMPattern? sparsity = null, IReadOnlyList<string>? exclude = null,
        DynamicQuantizationPass? pass = null, QuantizationMode mode = QuantizationMode.Dynamic)
    {
        var context = new CompilationContext(model, Options(sparsity, exclude, mode));
        if (sparsity is not null)
        {
            new FindPrunableWeightsPass().Run(context);
            new SparsifyPass().Run(context);
        }

        (pass ?? new DynamicQuantizationPass()).Run(context);
        return context;
    }

    /// <summary>The passes of a dense-to-INT8 compile: the default ones, then dynamic quantization.</summary>
    public static IReadOnlyList<ICompilerPass> CompilePasses() =>
        [new FindPrunableWeightsPass(), new LoadMaskPass(), new SparsifyPass(), new DynamicQuantizationPass()];
}
