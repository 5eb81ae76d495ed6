using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Fusion;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Dynamic;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Fusion.Support;

/// <summary>Runs the compile passes around fusion on a model in memory: N:M sparsify (optional), fuse, quantize dynamically (optional).</summary>
internal static class FusionRun
{
    public static CompilationContext Compile(OnnxModel model, NMPattern? sparsity = null, bool quantize = true,
        FusionOptions? fusion = null, IReadOnlyList<string>? exclude = null, QuantizationMode mode = QuantizationMode.Dynamic)
    {
        var context = new CompilationContext(model, DynamicRun.Options(sparsity, exclude, mode));
        if (sparsity is not null)
        {
            new FindPrunableWeightsPass().Run(context);
            new SparsifyPass().Run(context);
        }

        new FusionPass(fusion ?? new FusionOptions()).Run(context);
        if (quantize)
        {
            new DynamicQuantizationPass().Run(context);
        }

        return context;
    }
}
