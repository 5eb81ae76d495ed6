using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Passes;

/// <summary>
/// Zeroes weights: projects each weight's mask (or, without one, all of it) onto the N:M pattern along
/// its reduction axis, keeping the largest magnitudes and never reviving a weight the mask prunes, then
/// writes the weight back (as raw_data, or into the spill file for a large weight). Records density, mask retention and compliance per weight;
/// compliance is checked on the written values.
/// </summary>
public sealed class SparsifyPass : ICompilerPass
{
    /// <inheritdoc />
    public string Name => "sparsify";

    /// <inheritdoc />
    public void Run(CompilationContext context)
    {
        var weights = context.Weights;
        for (int i = 0; i < weights.Count; i++)
        {
            context.Step(Name, i, weights.Count, weights[i].Name);
            context.Outcomes[weights[i].Name] = Sparsify(context, weights[i]);
        }
    }

    private static WeightOutcome Sparsify(CompilationContext context, PrunableWeight weight)
    {
        var tensor = context.Model.Graph.FindInitializer(weight.Name)!;
        var data = context.Model.ReadTensor(tensor);
        float[]? converted = data.ElementType == DataType.Float ? null : data.ToSingleArray();
        ReadOnlySpan<float> values = converted ?? data.AsSpan<float>();
        long count = values.Length;
        double densityBefore = Density(values);
        long nonFinite = CountNonFinite(values);
        if (nonFinite > 0)
        {
            // NaN ranks as the largest magnitude, so it is kept rather than silently dropped; the user must know.
            context.Warn(CompileDiagnosticCodes.NonFiniteWeights, $"weight '{weight.Name}' holds {nonFinite} NaN or infinite values", weight.Name);
        }
        var pattern = context.Options.Sparsity;
        context.Masks.TryGetValue(weight.Name, out var mask);
        double? maskDensity = mask is null ? null : (double)MaskCounting.CountTrue(mask.Keep) / Math.Max(1, count);

        if (context.Skipped.TryGetValue(weight.Name, out var skip) || (pattern is null && mask is null))
        {
            (string code, string reason) = skip.Code is null ? ("unchanged", "no mask and no N:M pattern") : skip;
            bool compliantAsIs = pattern is { } p && NMSparsityChecker.Check(values, weight.Dims, weight.ReductionAxis, p).IsCompliant;
            return Outcome(weight, "dense", densityBefore, densityBefore, compliantAsIs, mask, maskDensity, null, code, reason);
        }

        bool[] keep;
        RestructureStatistics? statistics = null;
        if (pattern is { } nm)
        {
            var result = mask is null
                ? NMRestructurer.Restructure(values, weight.Dims, weight.ReductionAxis, nm)
                : NMRestructurer.Restructure(values, mask.Keep, weight.Dims, weight.ReductionAxis, nm);
            keep = result.Keep!;
            statistics = mask is null ? null : result.Statistics;
        }
        else
        {
            keep = mask!.Keep;
        }

        byte[] bytes = ZeroUnkept(data, values, keep);
        context.Model.SetData(tensor, bytes);
        ReadOnlySpan<float> after = converted is null
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes)
            : context.Model.ReadTensor(tensor).ToSingleArray();
        bool compliant = pattern is null || NMSparsityChecker.Check(after, weight.Dims, weight.ReductionAxis, pattern.Value).IsCompliant;
        return Outcome(weight, pattern?.ToString() ?? "unstructured", densityBefore, Density(after), compliant, mask, maskDensity, statistics, null, null);
    }

    /// <summary>A copy of the tensor's bytes with every element the mask drops set to zero (all-zero bytes is 0 in every float type).</summary>
    private static byte[] ZeroUnkept(TensorData data, ReadOnlySpan<float> values, bool[] keep)
    {
        if (data.ElementType == DataType.Float)
        {
            var result = new byte[values.Length * sizeof(float)];
            MaskApplier.Apply(values, keep, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(result.AsSpan()));
            return result;
        }

        byte[] bytes = data.Bytes.ToArray();
        int size = ElementTypes.BitsPerElement(data.ElementType) / 8;
        for (int i = 0; i < keep.Length; i++)
        {
            if (!keep[i])
            {
                Array.Clear(bytes, i * size, size);
            }
        }

        return bytes;
    }

    private static long CountNonFinite(ReadOnlySpan<float> values)
    {
        long count = 0;
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                count++;
            }
        }

        return count;
    }

    private static double Density(ReadOnlySpan<float> values)
    {
        long nonzero = 0;
        foreach (float v in values)
        {
            if (v != 0)
            {
                nonzero++;
            }
        }

        return values.Length == 0 ? 0 : (double)nonzero / values.Length;
    }

    private static WeightOutcome Outcome(PrunableWeight weight, string pattern, double before, double after, bool compliant,
        ResolvedMask? mask, double? maskDensity, RestructureStatistics? statistics, string? skipCode, string? skipReason) =>
        new(weight.Name, weight.OpType, weight.Dims, weight.ReductionAxis, pattern, before, after, compliant,
            mask?.Key, maskDensity, statistics?.Retention, statistics?.HammingDistance, skipCode, skipReason);
}
