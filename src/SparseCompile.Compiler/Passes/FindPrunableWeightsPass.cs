using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Passes;

/// <summary>
/// Finds the weights of MatMul (B), Gemm (B) and Conv (W) and decides which of them stay dense:
/// excluded by the user, shared with other ops, overridable as graph inputs, not a float type, or
/// with a reduction length that is not a multiple of M (TensorRT would not run those sparse either).
/// </summary>
public sealed class FindPrunableWeightsPass : ICompilerPass
{
    /// <summary>Element types whose values the sparsifier can rank and zero.</summary>
    public static readonly IReadOnlySet<DataType> FloatTypes = new HashSet<DataType> { DataType.Float, DataType.Float16, DataType.Bfloat16, DataType.Double };

    /// <inheritdoc />
    public string Name => "find-weights";

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        context.Weights = PrunableWeightFinder.Find(context.Model);
        var globs = context.Options.Exclude.Select(p => new NameGlob(p)).ToArray();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var weight in context.Weights)
        {
            if (Reason(context, weight, globs, used) is { } skip)
            {
                context.Skipped[weight.Name] = skip;
                if (skip.Code is not ("excluded" or "kept-dense"))
                {
                    context.Warn(skip.Code, $"weight '{weight.Name}' stays dense: {skip.Reason}", weight.Name);
                }
            }
        }

        foreach (var glob in globs.Where(g => !used.Contains(g.Pattern)))
        {
            context.Warn(CompileDiagnosticCodes.ExcludeMatchedNothing, $"--exclude '{glob.Pattern}' matched no prunable weight or node", glob.Pattern);
        }
    }

    private static (string Code, string Reason)? Reason(CompilationContext context, PrunableWeight weight, NameGlob[] globs, HashSet<string> used)
    {
        foreach (var glob in globs)
        {
            if (glob.IsMatch(weight.Name) || weight.Uses.Any(u => glob.IsMatch(u.NodeName)))
            {
                used.Add(glob.Pattern);
                return ("excluded", $"matched --exclude '{glob.Pattern}'");
            }
        }

        if (context.Options.KeepDense.Contains(weight.Name))
        {
            return ("kept-dense", "the accuracy gate keeps it dense");
        }

        if (weight.HasOtherConsumers || weight.HasConflictingAxes)
        {
            return (CompileDiagnosticCodes.WeightSharedOrConflicting, weight.HasOtherConsumers
                ? "it is also read by an op that is not a MatMul, Gemm or Conv weight slot"
                : "its uses reduce over different axes");
        }

        if (weight.IsOverridableInput)
        {
            return (CompileDiagnosticCodes.WeightIsOverridableInput, "it is also a graph input, so a caller could replace it");
        }

        if (!FloatTypes.Contains(weight.ElementType))
        {
            return (CompileDiagnosticCodes.UnsupportedWeightType, $"its element type {Onnx.Tensors.ElementTypes.Name((int)weight.ElementType)} is not a float type");
        }

        if (context.Options.Sparsity is { } pattern && weight.ReductionLength % pattern.M != 0)
        {
            return (CompileDiagnosticCodes.ReductionNotMultipleOfM,
                $"its reduction length {weight.ReductionLength} (axis {weight.ReductionAxis}) is not a multiple of {pattern.M}");
        }

        return null;
    }
}
