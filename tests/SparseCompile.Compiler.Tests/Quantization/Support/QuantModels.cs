using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization.Support;

/// <summary>Small models for the quantization tests, with their float weights at hand for reference computations.</summary>
internal static class QuantModels
{
    public const int Batch = 3;
    public const int In = 64;
    public const int Hidden = 48;
    public const int Out = 32;

    /// <summary>
    /// x [3, 64] → MatMul fc1 [64, 48] → Add(bias, ·) as PyTorch exports it → Relu → Gemm(transB = 1) fc2 [32, 48] + bias → y [3, 32].
    /// </summary>
    public static OnnxModel Mlp(int opset = 13)
    {
        var b = new OnnxBuilder(opset, seed: 7);
        string x = b.Input("x", DataType.Float, Batch, In);
        string w1 = b.RandomInitializer("fc1.weight", [In, Hidden], 0.2f);
        string b1 = b.RandomInitializer("fc1.bias", [Hidden], 0.1f);
        string h = b.Node("Add", [b1, b.Node("MatMul", [x, w1])]);
        string r = b.Relu(h);
        string w2 = b.RandomInitializer("fc2.weight", [Out, Hidden], 0.2f);
        string b2 = b.RandomInitializer("fc2.bias", [Out], 0.1f);
        string y = b.Node("Gemm", [r, w2, b2], null, OnnxBuilder.IntAttr("transB", 1));
        b.Return(y, "y", DataType.Float, Batch, Out);
        return b.BuildModel();
    }

    /// <summary>Seeded inputs for <see cref="Mlp"/>.</summary>
    public static float[] MlpInput() => new OnnxBuilder(seed: 11).RandomValues(Batch * In, 2f);

    /// <summary>x [4, 40] → Gemm with the given attributes and a constant, run-time or absent C → y [4, 24].</summary>
    public static OnnxModel Gemm(float alpha, float beta, bool transB, string c)
    {
        var b = new OnnxBuilder(13, seed: 3);
        string x = b.Input("x", DataType.Float, 4, 40);
        string w = b.RandomInitializer("w", transB ? [24, 40] : [40, 24], 0.3f);
        var inputs = new List<string> { x, w };
        if (c == "constant")
        {
            inputs.Add(b.RandomInitializer("c", [1, 24], 0.5f));
        }
        else if (c == "runtime")
        {
            inputs.Add(b.Input("c", DataType.Float, 4, 24));
        }

        string y = b.Node("Gemm", [.. inputs], null,
            OnnxBuilder.FloatAttr("alpha", alpha), OnnxBuilder.FloatAttr("beta", beta), OnnxBuilder.IntAttr("transB", transB ? 1 : 0));
        b.Return(y, "y", DataType.Float, 4, 24);
        return b.BuildModel();
    }

    /// <summary>ids [2, 5] int64 → Gather(table [100, 32], axis 0) → y [2, 5, 32]; row 7 of the table is all zeros.</summary>
    public static OnnxModel Embedding()
    {
        var b = new OnnxBuilder(13, seed: 5);
        string ids = b.Input("ids", DataType.Int64, 2, 5);
        var table = b.RandomValues(100 * 32, 0.05f);
        Array.Clear(table, 7 * 32, 32);
        b.Initializer("embeddings.weight", [100, 32], table);
        string y = b.Node("Gather", ["embeddings.weight", ids], null, OnnxBuilder.IntAttr("axis", 0));
        b.Return(y, "y", DataType.Float, 2, 5, 32);
        return b.BuildModel();
    }

    /// <summary>Writes a model to a temp file.</summary>
    public static string Save(OnnxModel model, Pipeline.TempFolder folder, string name = "model.onnx")
    {
        string path = folder.File(name);
        model.Save(path);
        return path;
    }
}
