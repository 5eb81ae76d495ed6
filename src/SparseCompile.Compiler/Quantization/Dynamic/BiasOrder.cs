using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Graph;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// ONNX Runtime folds a bias Add into MatMulIntegerToFloat only when the constant bias is the Add's second input,
/// but PyTorch exports write <c>Add(bias, matmul)</c>. Add is commutative (and broadcasts both ways), so the pass
/// swaps the inputs of such an Add.
/// </summary>
internal static class BiasOrder
{
    /// <summary>Swaps the inputs of the one Add reading <paramref name="output"/> when its other input is a constant bias [.., N] with leading 1s and N &gt; 1.</summary>
    public static void PutBiasSecond(OnnxGraph graph, string output)
    {
        var consumers = graph.Consumers(output);
        if (consumers.Count != 1 || consumers[0] is not { InputIndex: 1, Node: var add }
            || add.OpType != "Add" || !NodeFactory.IsDefaultDomain(add) || add.Input.Count != 2 || add.Input[0] == output)
        {
            return;
        }

        if (graph.FindInitializer(add.Input[0]) is { } bias && IsBiasShaped(bias))
        {
            (add.Input[0], add.Input[1]) = (add.Input[1], add.Input[0]);
        }
    }

    private static bool IsBiasShaped(TensorProto bias) =>
        bias.DataType == (int)TensorProto.Types.DataType.Float
        && bias.Dims.Count >= 1
        && bias.Dims.Take(bias.Dims.Count - 1).All(d => d == 1)
        && bias.Dims[^1] > 1;
}
