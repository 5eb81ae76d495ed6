using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Cli.Weights;

/// <summary>Loads a model's prunable weights as float32, the input of magnitude masks.</summary>
internal static class WeightLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> and converts every float-typed prunable weight (FLOAT, FLOAT16, BFLOAT16,
    /// DOUBLE: the types the compiler sparsifies) to float32; other types are left out with an SC2004 warning.
    /// </summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">The model cannot be read.</exception>
    public static ModelWeights Load(string path)
    {
        using var model = OnnxModel.Load(path);
        var all = PrunableWeightFinder.Find(model);
        var ranked = new List<WeightValues>(all.Count);
        var warnings = new List<CompileDiagnostic>();
        foreach (var weight in all)
        {
            if (FindPrunableWeightsPass.FloatTypes.Contains(weight.ElementType))
            {
                ranked.Add(new WeightValues(weight, model.ReadInitializer(weight.Name).ToSingleArray()));
            }
            else
            {
                warnings.Add(new CompileDiagnostic(CompileDiagnosticCodes.UnsupportedWeightType,
                    $"weight '{weight.Name}' gets no mask: its element type {ElementTypes.Name((int)weight.ElementType)} is not a float type",
                    weight.Name));
            }
        }

        return new ModelWeights(path, all, ranked, warnings);
    }
}
