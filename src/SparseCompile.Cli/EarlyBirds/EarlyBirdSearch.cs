using SparseCompile.Cli.Diffing;
using SparseCompile.Cli.Weights;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Cli.EarlyBirds;

/// <summary>Magnitude masks of every checkpoint, then the Early-Bird rule (You et al., 2020) over them.</summary>
internal static class EarlyBirdSearch
{
    /// <summary>
    /// Loads the checkpoints one at a time (only their masks stay in memory), masks their prunable weights at
    /// <paramref name="density"/>, and runs <see cref="EarlyBird.Detect"/>.
    /// </summary>
    /// <exception cref="SparseCompileException">
    /// A checkpoint cannot be read, or its prunable weights differ from the first checkpoint's in names (SC1130),
    /// shapes or element types (SC1131).
    /// </exception>
    public static EarlyBirdResult Run(IReadOnlyList<string> files, double density, MaskScope scope, double threshold, int window)
    {
        ArgumentNullException.ThrowIfNull(files);
        var masks = new List<IReadOnlyDictionary<string, bool[]>>(files.Count);
        ModelWeights? first = null; // the first checkpoint's weight list, without values, for the checks
        int weightCount = 0;
        long parameters = 0;
        foreach (string file in files)
        {
            var weights = WeightLoader.Load(file);
            if (first is null)
            {
                weightCount = weights.Ranked.Count;
                parameters = weights.Ranked.Sum(w => (long)w.Values.Length);
                first = weights with { Ranked = [] };
            }
            else
            {
                RequireSameWeights(first, weights);
            }

            masks.Add(MagnitudeMaskBuilder.Build(weights.Ranked, density, scope));
        }

        var report = EarlyBird.Detect(masks, threshold, window);
        return new EarlyBirdResult(files, density, scope, weightCount, parameters, report, first?.Warnings ?? []);
    }

    private static void RequireSameWeights(ModelWeights first, ModelWeights next)
    {
        TensorMatching.RequireSame(Shapes(first), first.File, Shapes(next), next.File, "prunable weight");
        var firstTypes = first.All.ToDictionary(w => w.Name, w => w.ElementType, StringComparer.Ordinal);
        foreach (var weight in next.All)
        {
            var type = firstTypes[weight.Name];
            if (type != weight.ElementType)
            {
                throw new SparseCompileException(CliDiagnosticCodes.TensorShapesDiffer, next.File,
                    $"prunable weight '{weight.Name}' is {ElementTypes.Name((int)weight.ElementType)} here but "
                    + $"{ElementTypes.Name((int)type)} in {first.File}", weight.Name);
            }
        }
    }

    private static (string, IReadOnlyList<long>)[] Shapes(ModelWeights weights) => weights.All.Select(w => (w.Name, w.Dims)).ToArray();
}
