using SparseCompile.Compiler.Fusion.Graph;
using SparseCompile.Onnx.Protos;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Fusion.Attention;

/// <summary>Matches <c>Add(bias, MatMul(x, W))</c> (either Add order) or a bare <c>MatMul(x, W)</c> with constant, unshared W and bias.</summary>
internal static class ProjectionMatcher
{
    /// <summary>The projection producing <paramref name="value"/>, which must feed only <paramref name="reader"/>; null with a reason otherwise.</summary>
    public static Projection? Match(FusionView view, string value, NodeProto reader, out string reason)
    {
        if (!view.OnlyFeeds(value, reader))
        {
            reason = $"'{value}' is read by more than the attention block";
            return null;
        }

        NodeProto? matmul = null;
        string? bias = null;
        var add = view.Producer(value, "Add");
        if (add is { Input.Count: 2 })
        {
            for (int i = 0; i < 2 && matmul is null; i++)
            {
                if (view.Constants.Initializer(add.Input[i]) is not null && view.Producer(add.Input[1 - i], "MatMul") is { } found)
                {
                    (matmul, bias) = (found, add.Input[i]);
                }
            }

            if (matmul is null || bias is null || !view.OnlyFeeds(matmul.Output[0], add) || !view.IsExclusiveConstant(bias, add))
            {
                reason = $"'{value}' is not a bias Add of a MatMul with a constant, unshared bias";
                return null;
            }
        }
        else
        {
            add = null;
            matmul = view.Producer(value, "MatMul");
        }

        if (matmul is not { Input.Count: 2 } || !view.IsExclusiveConstant(matmul.Input[1], matmul)
            || view.Constants.Initializer(matmul.Input[1]) is not { DataType: (int)DataType.Float, Dims.Count: 2 } weight)
        {
            reason = $"'{value}' is not projected by a MatMul with its own 2-D FLOAT weight";
            return null;
        }

        if (bias is not null && !IsBias(view.Constants.Initializer(bias)!, weight.Dims[1]))
        {
            reason = $"bias '{bias}' is not a FLOAT vector of the projection's {weight.Dims[1]} outputs";
            return null;
        }

        reason = string.Empty;
        return new Projection(matmul, add, weight.Name, bias, value);
    }

    private static bool IsBias(TensorProto bias, long size) =>
        bias.DataType == (int)DataType.Float && bias.Dims.Count >= 1 && bias.Dims[^1] == size && bias.Dims.Take(bias.Dims.Count - 1).All(d => d == 1);
}
