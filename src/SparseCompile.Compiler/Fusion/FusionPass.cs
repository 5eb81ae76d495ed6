using SparseCompile.Compiler.Fusion.Attention;
using SparseCompile.Compiler.Fusion.LayerNorm;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Fusion;

/// <summary>
/// Fuses transformer subgraphs that ONNX Runtime's CPU optimizer leaves in pieces in PyTorch exports into its
/// com.microsoft kernels: each BERT self-attention block (Q/K/V projections, head split, scaled scores, key-padding
/// mask, softmax, context, head merge) into one Attention with the Q/K/V weights packed into [hidden, 3·hidden], and,
/// when <see cref="FusionOptions.SkipLayerNormalization"/> asks for it, each residual Add + written-out layer
/// normalization into SkipLayerNormalization. The fused model computes the same function up to float rounding;
/// anything that does not match exactly stays as it is. The output needs ONNX Runtime, so by default the pass runs
/// only in compiles that quantize dynamically (which target ONNX Runtime's CPU kernels). Run it after sparsify, so the
/// packed weights carry the N:M pattern (packing concatenates along the output axis, so N:M along K survives), and
/// before quantize-dynamic, which turns Attention into QAttention.
/// </summary>
public sealed class FusionPass : ICompilerPass
{
    private readonly FusionOptions options;

    /// <summary>Creates the pass with the default options: attention fusion, only in compiles that quantize dynamically.</summary>
    public FusionPass()
        : this(new FusionOptions())
    {
    }

    /// <summary>Creates the pass with <paramref name="options"/>.</summary>
    public FusionPass(FusionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <inheritdoc />
    public string Name => "fuse-transformer";

    /// <summary>What the last run did (empty before a run, or when the pass did not apply).</summary>
    public FusionResult Result { get; private set; } = new([], []);

    /// <inheritdoc />
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC3903 when a rewrite left a value undefined (an internal error).</exception>
    public void Run(CompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Result = new([], []);
        if (!options.Always && context.Options.Quantization.Mode != QuantizationMode.Dynamic)
        {
            return;
        }

        context.Step(Name, 0, 1);
        Result = Fuse(context.Model, options);
        foreach (var fused in Result.Fused)
        {
            context.Changes.Add(new GraphChange(Name, $"{fused.OpType} '{fused.Node}' replaces {fused.Replaced} nodes: {fused.Detail}", fused.Node));
        }
    }

    /// <summary>Fuses the main graph of <paramref name="model"/> in place (<see cref="FusionOptions.Always"/> does not matter here).</summary>
    public static FusionResult Fuse(OnnxModel model, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new FusionOptions();
        var fused = new List<FusedSubgraph>();
        var skipped = new List<FusionSkip>();
        if (options.Attention)
        {
            AttentionFusion.Run(model, fused, skipped);
        }

        if (options.SkipLayerNormalization)
        {
            SkipLayerNormFusion.Run(model, fused, skipped);
        }

        if (fused.Count > 0)
        {
            GraphIntegrity.EnsureDefinedBeforeUse(model.Proto.Graph, "fuse-transformer", model.FilePath);
        }

        model.RefreshGraph();
        return new FusionResult(fused, skipped);
    }
}
