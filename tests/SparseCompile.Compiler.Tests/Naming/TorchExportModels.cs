using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Naming;

/// <summary>Builder models shaped like torch.onnx.export output, new style (scoped node names) and old style (bias names only).</summary>
internal static class TorchExportModels
{
    /// <summary>
    /// Two Linear layers exported the modern way: weights renamed to onnx::MatMul_N and stored
    /// transposed [in, out]; node names carry the module path. Layer sizes: 8 → 16 → 8.
    /// </summary>
    public static OnnxModel Scoped(int seed = 3)
    {
        var b = new OnnxBuilder(opset: 17, seed);
        string x = b.Input("x", DataType.Float, "batch", 8L);
        string h = Linear(b, x, 8, 16, "onnx::MatMul_101", "/encoder/layer.0/attention/self/query/MatMul", "encoder.layer.0.attention.self.query.bias");
        h = b.Relu(h);
        string y = Linear(b, h, 16, 8, "onnx::MatMul_102", "/encoder/layer.0/output/dense/MatMul", "encoder.layer.0.output.dense.bias");
        b.Return(y, "y", DataType.Float, "batch", 8L);
        return b.BuildModel();
    }

    /// <summary>The same layers exported the PyTorch 1.10 way: numeric weight names, unscoped node names.</summary>
    public static OnnxModel Unscoped(int seed = 3)
    {
        var b = new OnnxBuilder(opset: 13, seed);
        string x = b.Input("x", DataType.Float, "batch", 8L);
        string h = Linear(b, x, 8, 16, "927", "MatMul_34", "encoder.layer.0.attention.self.query.bias");
        h = b.Relu(h);
        string y = Linear(b, h, 16, 8, "928", "MatMul_36", "encoder.layer.0.output.dense.bias");
        b.Return(y, "y", DataType.Float, "batch", 8L);
        return b.BuildModel();
    }

    private static string Linear(OnnxBuilder b, string x, long inFeatures, long outFeatures, string weightName, string nodeName, string biasName)
    {
        string product = b.MatMul(x, inFeatures, outFeatures, weightName);
        b.Graph.Node[^1].Name = nodeName;
        string bias = b.RandomInitializer(biasName, [outFeatures], 0.1f);
        string sum = b.Add(product, bias);
        b.Graph.Node[^1].Name = nodeName.Replace("MatMul", "Add", StringComparison.Ordinal);
        return sum;
    }
}
