using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Sparsity;

/// <summary>
/// Restructures a ticket's mask to N:M along each weight's reduction axis with the compiler's
/// <see cref="NMRestructurer"/>. The reduction axis of a TorchSharp Linear weight [outputs, inputs] is axis 1 (the
/// input features): every group of M consecutive input features of one output unit keeps at most N weights, the
/// largest by |w| among those the mask keeps. (The same weight exported as an ONNX MatMul initializer is [inputs,
/// outputs], whose reduction axis is 0; <see cref="Export.TicketExporter"/> transposes, so the groups stay the same.)
/// </summary>
public static class NMMask
{
    /// <summary>The reduction axis of a TorchSharp Linear weight [outputs, inputs].</summary>
    public const int LinearReductionAxis = 1;

    /// <summary>The N:M subset of <paramref name="mask"/>, ranked by <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or a layer's input count is not a multiple of M.</exception>
    public static NetworkMask Restructure(NetworkMask mask, NetworkWeights weights, NMPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(weights);
        if (mask.Layers.Count != weights.Layers.Count)
        {
            throw new ArgumentException($"{mask.Layers.Count} mask layers but {weights.Layers.Count} weight layers", nameof(weights));
        }

        var layers = new List<LayerMask>(mask.Layers.Count);
        for (int i = 0; i < mask.Layers.Count; i++)
        {
            var layer = mask.Layers[i];
            var values = weights.Layers[i];
            var result = NMRestructurer.Restructure(values.Weight, layer.Keep, [layer.Outputs, layer.Inputs], LinearReductionAxis, pattern);
            if (!result.IsApplicable || result.Keep is null)
            {
                throw new ArgumentException($"{pattern} does not apply to layer {layer.Name}: {result.NotApplicableReason}", nameof(mask));
            }

            layers.Add(layer with { Keep = result.Keep });
        }

        return new NetworkMask(layers);
    }
}
