using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Preparation.Folding;

/// <summary>
/// Decides whether a BatchNormalization can be folded into the node before it: an inference-form BatchNormalization
/// with constant parameters, after a Conv, a Gemm or a 2-D MatMul whose output nothing else reads, whose FLOAT weight
/// (and bias) are constants nothing else reads, and whose output channels are the BatchNormalization's axis 1.
/// </summary>
internal static class FoldMatcher
{
    /// <summary>The fold, or null with the reason it cannot be done.</summary>
    public static FoldCandidate? Match(FoldView view, NodeProto batchNorm, out string reason)
    {
        reason = BatchNormForm.WhyNotInference(batchNorm, view.Opset) ?? string.Empty;
        if (reason.Length > 0)
        {
            return null;
        }

        string input = batchNorm.Input[0];
        var target = view.Graph.Producer(input);
        if (target is null || !Opsets.OpsetUpgrader.IsDefaultDomain(target.Domain) || target.OpType is not ("Conv" or "Gemm" or "MatMul"))
        {
            reason = $"its input is not the output of a Conv, Gemm or MatMul (it comes from {(target is null ? "a graph input or constant" : target.OpType)})";
            return null;
        }

        if (!view.IsReadOnlyBy(input, batchNorm, 0))
        {
            reason = $"the {target.OpType} output '{input}' is also read elsewhere, and folding would change it for those readers";
            return null;
        }

        if (target.Input.Count < 2 || Weight(view, target, 1, out reason) is not { } weight)
        {
            reason = reason.Length > 0 ? reason : $"the {target.OpType} has no weight input";
            return null;
        }

        if (ChannelAxis(view, target, weight, out reason) is not { } axis)
        {
            return null;
        }

        var affine = BatchNormAffine.Read(view, batchNorm, out string? paramReason);
        if (affine is null)
        {
            reason = paramReason!;
            return null;
        }

        if (weight.Dims[axis] != affine.Channels)
        {
            reason = $"the weight '{weight.Name}' has {weight.Dims[axis]} output channels but the BatchNormalization has {affine.Channels}";
            return null;
        }

        TensorProto? bias = null;
        if (target.OpType != "MatMul" && target.Input.Count > 2 && target.Input[2].Length > 0)
        {
            bias = Weight(view, target, 2, out reason);
            if (bias is null || !BiasFits(target.OpType, bias, affine.Channels, out reason))
            {
                return null;
            }
        }

        reason = string.Empty;
        return new FoldCandidate(batchNorm, target, weight, axis, bias, affine);
    }

    /// <summary>Input <paramref name="index"/> of the target when it is a FLOAT constant only the target reads.</summary>
    private static TensorProto? Weight(FoldView view, NodeProto target, int index, out string reason)
    {
        string name = target.Input[index];
        string role = index == 1 ? "weight" : "bias";
        if (!view.IsConstant(name))
        {
            reason = $"the {target.OpType} {role} '{name}' is not a constant initializer";
            return null;
        }

        if (!view.IsReadOnlyBy(name, target, index))
        {
            reason = $"the {target.OpType} {role} '{name}' is also read elsewhere";
            return null;
        }

        var tensor = view.Graph.FindInitializer(name)!;
        if (tensor.DataType != (int)DataType.Float)
        {
            reason = $"the {target.OpType} {role} '{name}' is {Onnx.Tensors.ElementTypes.Name(tensor.DataType)}, and only FLOAT is folded";
            return null;
        }

        reason = string.Empty;
        return tensor;
    }

    /// <summary>The weight axis of output channels, when the BatchNormalization's axis 1 is that axis.</summary>
    private static int? ChannelAxis(FoldView view, NodeProto target, TensorProto weight, out string reason)
    {
        reason = string.Empty;
        switch (target.OpType)
        {
            case "Conv" when weight.Dims.Count >= 3:
                return 0; // [C_out, C_in/group, k...], whatever the group
            case "Gemm" when weight.Dims.Count == 2:
                return NodeAttributes.Int(target, "transB", 0) == 1 ? 0 : 1; // the output [M, N] is always 2-D
            case "MatMul" when weight.Dims.Count == 2:
                if (view.Graph.ShapeOf(target.Input[0]).Rank == 2 || view.Graph.ShapeOf(target.Output[0]).Rank == 2)
                {
                    return 1;
                }

                reason = "the MatMul output is not known to be 2-D, so axis 1 need not be the weight's output dimension";
                return null;
            default:
                reason = $"the {target.OpType} weight '{weight.Name}' has rank {weight.Dims.Count}";
                return null;
        }
    }

    /// <summary>Conv biases are [C]; a Gemm C must be the same for every row: a single value, [C] or [1, C].</summary>
    private static bool BiasFits(string opType, TensorProto bias, long channels, out string reason)
    {
        var dims = bias.Dims;
        long count = dims.Aggregate(1L, (a, d) => a * d);
        bool fits = opType == "Conv"
            ? dims.Count == 1 && dims[0] == channels
            : count == 1 || (dims.Count == 1 && dims[0] == channels) || (dims.Count == 2 && dims[0] == 1 && dims[1] == channels);
        reason = fits ? string.Empty : $"the {opType} bias '{bias.Name}' has dims [{string.Join(", ", dims)}], not one value per output channel";
        return fits;
    }
}
