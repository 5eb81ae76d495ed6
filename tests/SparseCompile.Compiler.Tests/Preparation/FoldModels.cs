using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Preparation;

/// <summary>Opset-13 models with a BatchNormalization after a Conv, Gemm or MatMul.</summary>
internal static class FoldModels
{
    /// <summary>The image input of the Conv models.</summary>
    public static readonly int[] Image = [2, 4, 6, 6];

    /// <summary>x [2,4,6,6] → Conv (4 → 8, given group, with or without bias) → BatchNorm → Relu.</summary>
    public static OnnxBuilder ConvBatchNormRelu(long group = 1, bool bias = true, int seed = 1)
    {
        var b = new OnnxBuilder(seed: seed);
        string x = b.Input("x", DataType.Float, 2, 4, 6, 6);
        string conv = bias ? b.Conv(x, 4, 8, group: group, weightName: "layer.weight") : ConvWithoutBias(b, x, group);
        b.Return(b.Relu(b.BatchNorm(conv, 8)), "y", DataType.Float, 2, 8, 6, 6);
        return b;
    }

    /// <summary>x [3,16] → Gemm (16 → 6, weight [N,K] when transposed) → BatchNorm.</summary>
    public static OnnxBuilder GemmBatchNorm(bool transB, float? beta = null)
    {
        var b = new OnnxBuilder(seed: 2);
        string x = b.Input("x", DataType.Float, 3, 16);
        string gemm = b.Gemm(x, 16, 6, transB, weightName: "fc.weight");
        if (beta is { } value)
        {
            b.Graph.Node.Last().Attribute.Add(OnnxBuilder.FloatAttr("beta", value));
        }

        b.Return(b.BatchNorm(gemm, 6), "y", DataType.Float, 3, 6);
        return b;
    }

    /// <summary>x [3,16] → MatMul (16 → 6) → BatchNorm.</summary>
    public static OnnxBuilder MatMulBatchNorm(params object[] inputDims)
    {
        var b = new OnnxBuilder(seed: 4);
        object[] dims = inputDims.Length == 0 ? [3L, 16L] : inputDims;
        string x = b.Input("x", DataType.Float, dims);
        string matmul = b.MatMul(x, 16, 6, weightName: "proj");
        object[] outDims = [.. dims[..^1], 6L];
        b.Return(b.BatchNorm(matmul, 6), "y", DataType.Float, outDims);
        return b;
    }

    private static string ConvWithoutBias(OnnxBuilder b, string x, long group)
    {
        string w = b.RandomInitializer("stem", [8, 4 / group, 3, 3], 0.4f);
        return b.Node("Conv", [x, w], null, OnnxBuilder.IntsAttr("kernel_shape", 3, 3), OnnxBuilder.IntsAttr("pads", 1, 1, 1, 1),
            OnnxBuilder.IntAttr("group", group));
    }
}
