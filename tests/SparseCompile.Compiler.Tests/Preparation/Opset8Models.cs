using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Preparation;

/// <summary>Opset-8 (IR 3) models built in code, covering the ops the upgrade must carry to opset 13.</summary>
internal static class Opset8Models
{
    /// <summary>The input of <see cref="Vision"/>.</summary>
    public static readonly int[] VisionInput = [2, 3, 8, 8];

    /// <summary>
    /// Conv (asymmetric pads) → BatchNorm (spatial=1) → Relu → MaxPool → AveragePool, then elementwise ops, Flatten,
    /// Unsqueeze/Squeeze (axes attributes), Clip (min/max attributes), Transpose, Identity, Dropout (ratio), Gemm,
    /// MatMul, Reshape, Concat and Softmax on the last axis; plus GlobalAveragePool, ReduceMean and Pad outputs.
    /// </summary>
    public static OnnxBuilder Vision()
    {
        var b = new OnnxBuilder(opset: 8, seed: 3);
        string x = b.Input("x", DataType.Float, 2, 3, 8, 8);
        string w = b.RandomInitializer("conv_w", [4, 3, 3, 3], 0.3f);
        string bias = b.RandomInitializer("conv_b", [4], 0.1f);
        string conv = b.Node("Conv", [x, w, bias], null,
            OnnxBuilder.IntsAttr("kernel_shape", 3, 3), OnnxBuilder.IntsAttr("pads", 0, 0, 1, 1)); // [2,4,7,7]
        string relu = b.Relu(b.BatchNorm(conv, 4));
        string max = b.Node("MaxPool", [relu], null, OnnxBuilder.IntsAttr("kernel_shape", 2, 2), OnnxBuilder.IntsAttr("pads", 0, 0, 1, 1));
        string avg = b.Node("AveragePool", [max], null, OnnxBuilder.IntsAttr("kernel_shape", 3, 3),
            OnnxBuilder.IntsAttr("strides", 2, 2), OnnxBuilder.IntsAttr("pads", 1, 1, 1, 1)); // [2,4,4,4]
        b.Node("GlobalAveragePool", [avg], "pooled");
        b.Output("pooled", DataType.Float, 2, 4, 1, 1);
        b.Node("ReduceMean", [avg], "reduced", OnnxBuilder.IntsAttr("axes", 2, 3), OnnxBuilder.IntAttr("keepdims", 0));
        b.Output("reduced", DataType.Float, 2, 4);
        b.Node("Pad", [x], "padded", OnnxBuilder.IntsAttr("pads", 0, 0, 1, 2, 0, 0, 2, 1), OnnxBuilder.FloatAttr("value", 0.5f));
        b.Output("padded", DataType.Float, 2, 3, 11, 11);

        string two = b.Initializer("two", [1], new[] { 2f });
        string gate = b.Node("Mul", [avg, b.Node("Sigmoid", [avg])]);
        string scaled = b.Node("Div", [b.Node("Sub", [gate, avg]), two]);
        string flat = b.Node("Flatten", [scaled], null, OnnxBuilder.IntAttr("axis", 1)); // [2,64]
        string unsqueezed = b.Node("Unsqueeze", [flat], null, OnnxBuilder.IntsAttr("axes", 0)); // [1,2,64]
        string squeezed = b.Node("Squeeze", [unsqueezed], null, OnnxBuilder.IntsAttr("axes", 0));
        string clipped = b.Node("Clip", [squeezed], null, OnnxBuilder.FloatAttr("min", -0.3f), OnnxBuilder.FloatAttr("max", 0.2f));
        string transposed = b.Node("Transpose", [b.Node("Transpose", [clipped], null, OnnxBuilder.IntsAttr("perm", 1, 0))]);
        string dropped = b.Node("Dropout", [b.Node("Identity", [transposed])], null, OnnxBuilder.FloatAttr("ratio", 0.3f));
        string gemm = b.Gemm(dropped, 64, 10, transB: true);
        string matmul = b.MatMul(gemm, 10, 5); // [2,5]
        string shape = b.Initializer("shape", [2], new long[] { 2, 5 });
        string reshaped = b.Node("Reshape", [matmul, shape]);
        string joined = b.Node("Concat", [reshaped, reshaped], null, OnnxBuilder.IntAttr("axis", 1)); // [2,10]
        string softmax = b.Node("Softmax", [joined], null, OnnxBuilder.IntAttr("axis", 1));
        b.Return(softmax, "y", DataType.Float, 2, 10);
        return b;
    }

    /// <summary>x [2,3,4] → Softmax over <paramref name="axis"/> (only the last axis is the same at opset 13).</summary>
    public static OnnxBuilder Softmax(long axis, params object[] dims)
    {
        var b = new OnnxBuilder(opset: 8);
        string x = b.Input("x", DataType.Float, dims);
        b.Return(b.Node("Softmax", [x], null, OnnxBuilder.IntAttr("axis", axis)), "y", DataType.Float, dims);
        return b;
    }

    /// <summary>Conv → BatchNorm with the given spatial mode.</summary>
    public static OnnxBuilder BatchNorm(long spatial)
    {
        var b = new OnnxBuilder(opset: 8);
        string x = b.Input("x", DataType.Float, 1, 2, 5, 5);
        string bn = b.BatchNorm(b.Conv(x, 2, 4), 4);
        NodeAttributes(b, "BatchNormalization").First(a => a.Name == "spatial").I = spatial;
        b.Return(bn, "y", DataType.Float, 1, 4, 5, 5);
        return b;
    }

    /// <summary>The attributes of the first node of <paramref name="opType"/>.</summary>
    public static Google.Protobuf.Collections.RepeatedField<Onnx.Protos.AttributeProto> NodeAttributes(OnnxBuilder builder, string opType) =>
        builder.Graph.Node.First(n => n.OpType == opType).Attribute;
}
