using SparseCompile.Onnx.IO;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>Small float models for the static quantization tests, with their weights at hand for reference computations.</summary>
internal static class StaticModels
{
    public const int Batch = 2;
    public const int Channels = 4;
    public const int Side = 8;
    public const int Features = 8;
    public const int Classes = 5;

    /// <summary>
    /// x [2, 4, 8, 8] → Conv conv1 (8, 3×3, pad 1) → Relu → Conv conv2 (8, 3×3, pad 1) → Add(conv2, relu) →
    /// GlobalAveragePool → Flatten → Gemm fc (transB = 1, [5, 8] + bias) → y [2, 5].
    /// </summary>
    public static OnnxModel Cnn(int opset = 13)
    {
        var b = new OnnxBuilder(opset, seed: 21);
        b.Input("x", DataType.Float, Batch, Channels, Side, Side);
        b.RandomInitializer("conv1.weight", [Features, Channels, 3, 3], 0.3f);
        b.RandomInitializer("conv1.bias", [Features], 0.2f);
        b.RandomInitializer("conv2.weight", [Features, Features, 3, 3], 0.2f);
        b.RandomInitializer("conv2.bias", [Features], 0.2f);
        b.RandomInitializer("fc.weight", [Classes, Features], 0.5f);
        b.RandomInitializer("fc.bias", [Classes], 0.1f);
        var conv = new[] { OnnxBuilder.IntsAttr("kernel_shape", 3, 3), OnnxBuilder.IntsAttr("pads", 1, 1, 1, 1) };
        b.Node("Conv", ["x", "conv1.weight", "conv1.bias"], "c1", conv);
        b.Node("Relu", ["c1"], "r1");
        b.Node("Conv", ["r1", "conv2.weight", "conv2.bias"], "c2", conv);
        b.Node("Add", ["c2", "r1"], "sum");
        b.Node("GlobalAveragePool", ["sum"], "pooled");
        b.Node("Flatten", ["pooled"], "flat");
        b.Node("Gemm", ["flat", "fc.weight", "fc.bias"], "y", OnnxBuilder.IntAttr("transB", 1));
        b.Output("y", DataType.Float, Batch, Classes);
        return b.BuildModel();
    }

    /// <summary>Seeded inputs for <see cref="Cnn"/>: [2, 4, 8, 8] uniform in [-2, 2].</summary>
    public static float[][] CnnInputs(int count, int seed)
    {
        var b = new OnnxBuilder(seed: seed);
        return Enumerable.Range(0, count).Select(_ => b.RandomValues(Batch * Channels * Side * Side, 2f)).ToArray();
    }

    public const int Rows = 4;
    public const int In = 64;
    public const int Hidden1 = 48;
    public const int Hidden2 = 32;
    public const int Out = 12;

    /// <summary>x [4, 64] → MatMul fc1 [64, 48] → Relu → MatMul fc2 [48, 32] → Relu → Gemm fc3 ([32, 12], transB = 0, + bias) → y [4, 12].</summary>
    public static OnnxModel Mlp(int opset = 13)
    {
        var b = new OnnxBuilder(opset, seed: 31);
        b.Input("x", DataType.Float, Rows, In);
        b.RandomInitializer("fc1.weight", [In, Hidden1], 0.25f);
        b.RandomInitializer("fc2.weight", [Hidden1, Hidden2], 0.25f);
        b.RandomInitializer("fc3.weight", [Hidden2, Out], 0.3f);
        b.RandomInitializer("fc3.bias", [Out], 0.1f);
        b.Node("MatMul", ["x", "fc1.weight"], "h1");
        b.Node("Relu", ["h1"], "r1");
        b.Node("MatMul", ["r1", "fc2.weight"], "h2");
        b.Node("Relu", ["h2"], "r2");
        b.Node("Gemm", ["r2", "fc3.weight", "fc3.bias"], "y");
        b.Output("y", DataType.Float, Rows, Out);
        return b.BuildModel();
    }

    /// <summary>Seeded inputs for <see cref="Mlp"/>: [4, 64] uniform in [-1.5, 1.5].</summary>
    public static float[][] MlpInputs(int count, int seed)
    {
        var b = new OnnxBuilder(seed: seed);
        return Enumerable.Range(0, count).Select(_ => b.RandomValues(Rows * In, 1.5f)).ToArray();
    }

    /// <summary>The float values of an initializer of <paramref name="model"/>.</summary>
    public static float[] Weights(OnnxModel model, string name) => model.ReadInitializer(name).ToSingleArray();
}
