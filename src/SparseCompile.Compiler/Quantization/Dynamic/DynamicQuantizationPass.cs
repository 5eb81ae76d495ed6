using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// Dynamic INT8 quantization (runs after sparsify; does nothing unless the mode is
/// <see cref="QuantizationMode.Dynamic"/>). MatMul and Gemm weights become symmetric INT8 [K, N] with one scale per
/// output column, and their activations are quantized at run time in the node form ONNX Runtime's CPU optimizer fuses
/// into MatMulIntegerToFloat / DynamicQuantizeMatMul (see <see cref="MatMulIntegerEmitter"/>). Embedding tables read
/// by Gather become INT8 rows with one scale per row, dequantized after the lookup (see <see cref="GatherEmitter"/>);
/// with <see cref="QuantizationOptions.EmbeddingBits"/> = 4 their values span only [-7, 7] (same graph, about 4 bits
/// each once Brotli-compressed).
/// A com.microsoft Attention (written by <see cref="Fusion.FusionPass"/>) becomes QAttention with its packed weight
/// INT8 per column and its input quantized at run time (see <see cref="QAttentionEmitter"/>).
/// Every weight is checked to keep its zeros and its N:M pattern; the float initializers are removed.
/// </summary>
public sealed class DynamicQuantizationPass : ICompilerPass
{
    private readonly Func<QuantizedTensor, QuantizedTensor>? tamper;

    /// <summary>Creates the pass.</summary>
    public DynamicQuantizationPass()
    {
    }

    /// <summary>Test hook: <paramref name="tamper"/> alters each quantized weight before the sparsity checks run.</summary>
    internal DynamicQuantizationPass(Func<QuantizedTensor, QuantizedTensor> tamper) => this.tamper = tamper;

    /// <inheritdoc />
    public string Name => "quantize-dynamic";

    /// <summary>The weights the last run left float, with the reason (empty before a run or when the mode is not dynamic).</summary>
    public IReadOnlyList<QuantizationSkip> Skipped { get; private set; } = [];

    /// <inheritdoc />
    /// <exception cref="SparseCompileException">
    /// SC1160 when the model's opset is below 13 and there is something to quantize; SC1161 when a weight's values
    /// become infinite once Gemm's alpha is folded in (a weight that already holds NaN or infinite values stays float
    /// with the warning SC2008); SC3900–SC3903 when an internal invariant breaks.
    /// </exception>
    public void Run(CompilationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Skipped = [];
        if (context.Options.Quantization.Mode != QuantizationMode.Dynamic)
        {
            return;
        }

        var model = context.Model;
        var plan = KeepNonFiniteFloat(context, DynamicQuantizationPlanner.Plan(model, context.Options.Exclude, context.Options.KeepFloat));
        Skipped = plan.Skipped;
        if (plan.Candidates.Count == 0)
        {
            return;
        }

        EnsureOpset(context);
        string? filePath = model.FilePath ?? context.Options.ModelPath;
        int embeddingBits = context.Options.Quantization.EmbeddingBits;
        // Each weight's INT8 initializers are made as soon as it is quantized (large ones go to the model's spill
        // file), so only one weight's float and INT8 copies are in memory at a time, however large the model.
        var quantized = new Dictionary<string, QuantizedInitializers>(StringComparer.Ordinal);
        for (int i = 0; i < plan.Candidates.Count; i++)
        {
            var candidate = plan.Candidates[i];
            context.Step(Name, i, plan.Candidates.Count, candidate.Weight.Name);
            var q = DynamicWeightQuantizer.Quantize(model, candidate, context.Options.Sparsity, tamper, embeddingBits);
            quantized[candidate.Weight.Name] = QuantizedInitializers.Create(model, candidate, q);
        }

        DynamicGraphRewriter.Rewrite(model, plan, quantized);
        GraphIntegrity.EnsureDefinedBeforeUse(model.Proto.Graph, Name, filePath);
        foreach (var candidate in plan.Candidates)
        {
            var q = quantized[candidate.Weight.Name];
            context.Quantized.Add(new QuantizedWeight(NodeFactory.Describe(candidate.Nodes[0]), candidate.OpType, candidate.Weight.Name, "dynamic",
                candidate.ScaleAxisOfFloatWeight, q.MinScale, q.MaxScale, null, DynamicWeightQuantizer.BitsOf(candidate, embeddingBits)));
        }
    }

    /// <summary>Moves the candidates whose weight holds NaN or infinite values to the skipped list, warning SC2008 for each.</summary>
    private static DynamicQuantizationPlan KeepNonFiniteFloat(CompilationContext context, DynamicQuantizationPlan plan)
    {
        var candidates = new List<DynamicCandidate>(plan.Candidates.Count);
        var skipped = plan.Skipped.ToList();
        foreach (var candidate in plan.Candidates)
        {
            string node = NodeFactory.Describe(candidate.Nodes[0]);
            if (NonFiniteWeights.Check(context, candidate.Weight, node) is { } reason)
            {
                skipped.Add(new QuantizationSkip(candidate.Weight.Name, node, candidate.OpType, reason));
            }
            else
            {
                candidates.Add(candidate);
            }
        }

        return skipped.Count == plan.Skipped.Count ? plan : new DynamicQuantizationPlan(candidates, skipped);
    }

    private static void EnsureOpset(CompilationContext context)
    {
        long? opset = context.Model.OpsetVersion();
        if (opset is null || opset < QuantizationLimits.MinimumOpset)
        {
            string found = opset is null ? "no default-domain opset" : $"opset {opset}";
            throw new SparseCompileException(QuantizationDiagnosticCodes.OpsetTooOld, context.Model.FilePath ?? context.Options.ModelPath,
                $"dynamic INT8 quantization needs default-domain opset {QuantizationLimits.MinimumOpset} or later, but the model imports {found}; upgrade the model's opset or compile without quantization");
        }
    }
}
