using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Naming;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Passes;

/// <summary>
/// Reads the mask file, resolves every key to a prunable weight (ONNX or PyTorch names) and stores
/// each mask in its weight's own layout, transposing masks of PyTorch Linear weights. Weights the
/// file does not mention keep all their entries (N:M then picks by magnitude alone).
/// </summary>
public sealed class LoadMaskPass : ICompilerPass
{
    /// <inheritdoc />
    public string Name => "load-mask";

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        if (context.Options.MaskPath is not { } path)
        {
            return;
        }

        var masks = MaskFileReader.Read(path);
        context.InputFiles.Add(InputHasher.Hash("mask", path));
        var resolver = new MaskKeyResolver(context.Model.Graph, context.Weights, path);
        int step = 0;
        foreach (var mask in masks)
        {
            context.Step(Name, step++, masks.Count, mask.Key);
            var resolution = resolver.Resolve(mask.Key, mask.Shape);
            string weight = resolution.Weight.Name;
            if (context.Masks.TryGetValue(weight, out var earlier))
            {
                throw new SparseCompileException(CompileDiagnosticCodes.MaskKeyCollision, path,
                    $"masks '{earlier.Key}' and '{mask.Key}' both resolve to weight '{weight}'", mask.Key);
            }

            bool[] keep = resolution.Transposed ? Transpose(mask.Keep, mask.Shape[0], mask.Shape[1]) : mask.Keep;
            context.Masks[weight] = new ResolvedMask(mask.Key, keep);
        }
    }

    /// <summary>The [cols, rows] transpose of a row-major [rows, cols] mask.</summary>
    internal static bool[] Transpose(bool[] keep, long rows, long cols)
    {
        var result = new bool[keep.Length];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < cols; c++)
            {
                result[(c * rows) + r] = keep[(r * cols) + c];
            }
        }

        return result;
    }
}
