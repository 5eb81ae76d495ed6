using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Cli.Tests.Support;

/// <summary>Training checkpoints of one small MatMul model: the same graph, weights that change from one to the next.</summary>
internal static class Checkpoints
{
    public static readonly (string Name, long[] Dims)[] Weights = [("w1", [32, 16]), ("w2", [16, 8])];

    /// <summary>
    /// Checkpoint k = base + noise_k · scale(k), with base and every noise_k seeded uniform in [-1, 1] (noise_k fresh
    /// for every k). A shrinking scale converges, a constant or growing one does not.
    /// </summary>
    public static float[][][] Sequence(int count, Func<int, float> scale, int seed = 11)
    {
        var random = new Random(seed);
        var bases = Weights.Select(w => Uniform(random, Count(w.Dims))).ToArray();
        var result = new float[count][][];
        for (int k = 0; k < count; k++)
        {
            float s = scale(k);
            result[k] = bases.Select(b => b.Select(v => v + (s * (float)((random.NextDouble() * 2) - 1))).ToArray()).ToArray();
        }

        return result;
    }

    /// <summary>x [batch, 32] → MatMul w1 [32, 16] → MatMul w2 [16, 8] → y, with the given weight values.</summary>
    public static ModelProto Model(float[][] values, string secondWeightName = "w2", long[]? secondWeightDims = null)
    {
        var b = new OnnxBuilder(opset: 13, seed: 1);
        string x = b.Input("x", DataType.Float, "batch", 32);
        b.Initializer("w1", Weights[0].Dims, values[0]);
        b.Initializer(secondWeightName, secondWeightDims ?? Weights[1].Dims, values[1]);
        string h = b.Node("MatMul", [x, "w1"]);
        h = b.Node("MatMul", [h, secondWeightName]);
        b.Return(h, "y", DataType.Float, "batch", 8);
        return b.Build();
    }

    /// <summary>Saves every checkpoint as ckpt{k}.onnx; returns the paths in order.</summary>
    public static string[] Save(TempFolder temp, float[][][] sequence) =>
        sequence.Select((values, k) => temp.Save(Model(values), $"ckpt{k}.onnx")).ToArray();

    private static long Count(long[] dims) => dims.Aggregate(1L, (a, d) => a * d);

    private static float[] Uniform(Random random, long count) =>
        Enumerable.Range(0, (int)count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
