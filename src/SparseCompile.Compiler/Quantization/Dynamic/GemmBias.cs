using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;

namespace SparseCompile.Compiler.Quantization.Dynamic;

/// <summary>
/// The <c>beta · C</c> term of a Gemm rewritten into MatMul form: <c>Add(matmul, bias)</c> with the bias second, which
/// is where ONNX Runtime looks for a constant bias to fold into MatMulIntegerToFloat. A constant C is pre-scaled by
/// beta into a new initializer; a run-time C is multiplied by beta in the graph when beta is not 1.
/// </summary>
internal static class GemmBias
{
    /// <summary>True when the Gemm adds a bias: C is given and beta is not 0.</summary>
    public static bool Has(NodeProto gemm) =>
        gemm.Input.Count >= 3 && gemm.Input[2].Length > 0 && NodeFactory.ReadFloat(gemm, "beta", 1f) != 0f;

    /// <summary>Appends the nodes adding the bias to <paramref name="matmulOutput"/>, producing the Gemm's output.</summary>
    /// <param name="gemm">The Gemm being replaced.</param>
    /// <param name="matmulOutput">The value holding alpha · A · B.</param>
    /// <param name="model">The model, to read a constant C.</param>
    /// <param name="names">Fresh names.</param>
    /// <param name="initializers">New initializers are added here.</param>
    /// <param name="emit">New nodes are added here.</param>
    public static void Emit(NodeProto gemm, string matmulOutput, OnnxModel model, NameScope names,
        List<TensorProto> initializers, List<NodeProto> emit)
    {
        string c = gemm.Input[2];
        float beta = NodeFactory.ReadFloat(gemm, "beta", 1f);
        string nodeName = string.IsNullOrEmpty(gemm.Name) ? gemm.Output[0] : gemm.Name;
        string bias = c;
        if (beta != 1f)
        {
            if (model.Graph.FindInitializer(c) is { } constant)
            {
                var values = model.ReadTensor(constant).ToSingleArray();
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] *= beta;
                }

                bias = names.Fresh(c + "_times_beta");
                initializers.Add(TensorFactory.Create<float>(bias, constant.Dims.ToArray(), values));
            }
            else
            {
                string betaName = names.Fresh(nodeName + "_beta");
                initializers.Add(TensorFactory.Create<float>(betaName, [], [beta]));
                bias = names.Fresh(c + "_times_beta");
                emit.Add(NodeFactory.Node("Mul", names.Fresh(nodeName + "/BiasTimesBeta"), [c, betaName], [bias]));
            }
        }

        emit.Add(NodeFactory.Node("Add", names.Fresh(nodeName + "/AddBias"), [matmulOutput, bias], [gemm.Output[0]]));
    }
}
