using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Weights;

/// <summary>Computes the masks of <c>sparsec mask</c>: magnitude masks of a model's prunable weights, optionally N:M.</summary>
internal static class MaskGeneration
{
    /// <summary>Loads the model and computes one mask per float prunable weight, keyed by its initializer name.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">The model cannot be read.</exception>
    public static (MaskSet Masks, MaskReport Report) Run(string model, string output, double density, MaskScope scope, NMPattern? sparsity)
    {
        var weights = WeightLoader.Load(model);
        var warnings = new List<CompileDiagnostic>(weights.Warnings);
        var keeps = MagnitudeMaskBuilder.Build(weights.Ranked, density, scope);
        var masks = new List<MaskTensor>(weights.Ranked.Count);
        var entries = new List<MaskEntry>(weights.Ranked.Count);
        foreach (var weight in weights.Ranked)
        {
            bool[] keep = keeps[weight.Name];
            bool? applied = null;
            if (sparsity is { } pattern)
            {
                var result = MagnitudeMaskBuilder.Project(weight, keep, pattern);
                applied = result.IsApplicable;
                if (!result.IsApplicable)
                {
                    warnings.Add(new CompileDiagnostic(CompileDiagnosticCodes.ReductionNotMultipleOfM,
                        $"weight '{weight.Name}' keeps its unstructured mask: {result.NotApplicableReason}", weight.Name));
                }
            }

            var mask = new MaskTensor(weight.Name, [.. weight.Weight.Dims], keep);
            masks.Add(mask);
            entries.Add(new MaskEntry(weight.Name, weight.Weight.OpType, weight.Weight.Dims, mask.ElementCount, mask.CountKept(), applied));
        }

        var report = new MaskReport(model, output, scope, density, sparsity, entries, warnings);
        return (new MaskSet(null, masks), report);
    }
}
