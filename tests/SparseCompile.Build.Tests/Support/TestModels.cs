using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Build.Tests.Support;

/// <summary>Small models and masks for the build tests, written to files.</summary>
internal static class TestModels
{
    /// <summary>The input every MLP takes: x [1, 16].</summary>
    public static readonly int[] InputDims = [1, 16];

    /// <summary>x [1, 16] → MatMul w1 [16, 32] → Relu → MatMul w2 [32, 8] → y [1, 8], seeded.</summary>
    public static string WriteMlp(string path, int seed = 1)
    {
        var b = new OnnxBuilder(opset: 13, seed: seed);
        string x = b.Input("x", DataType.Float, 1, 16);
        string h = b.Relu(b.MatMul(x, 16, 32, "w1"));
        h = b.MatMul(h, 32, 8, "w2");
        b.Return(h, "y", DataType.Float, 1, 8);
        using var model = b.BuildModel();
        model.Save(path);
        return path;
    }

    /// <summary>An .onnx mask for w1 that prunes every third weight; <paramref name="flip"/> changes which.</summary>
    public static string WriteMask(string path, int flip = 0)
    {
        var b = new OnnxBuilder();
        b.Initializer("w1", [16, 32], Enumerable.Range(0, 16 * 32).Select(i => (i + flip) % 3 == 0 ? 0f : 1f).ToArray());
        using var model = b.BuildModel();
        model.Save(path);
        return path;
    }

    /// <summary>Seeded inputs for an MLP.</summary>
    public static float[] Input(int seed) => new OnnxBuilder(seed: seed).RandomValues(16);
}
