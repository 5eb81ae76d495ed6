using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Preparation;

/// <summary>Runs models in ONNX Runtime (graph optimizations off) and compares outputs.</summary>
internal static class PreparationHarness
{
    /// <summary>Saves <paramref name="model"/> to a temporary file and runs it.</summary>
    public static Dictionary<string, float[]> Run(OnnxModel model, IReadOnlyDictionary<string, (float[] Values, int[] Dims)> inputs)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sparsecompile-tests", "prep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "model.onnx");
            model.Save(path);
            return OrtRunner.Run(path, inputs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs a message built in memory.</summary>
    public static Dictionary<string, float[]> Run(ModelProto proto, IReadOnlyDictionary<string, (float[] Values, int[] Dims)> inputs)
    {
        using var model = OnnxModel.FromProto(proto.Clone());
        return Run(model, inputs);
    }

    /// <summary>One seeded random input.</summary>
    public static Dictionary<string, (float[] Values, int[] Dims)> Input(string name, int[] dims, int seed = 7) =>
        new() { [name] = (new OnnxBuilder(seed: seed).RandomValues(dims.Aggregate(1L, (a, d) => a * d), 2f), dims) };

    /// <summary>Asserts both runs have the same outputs, bit for bit.</summary>
    public static void AssertIdentical(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (string name in expected.Keys)
        {
            Assert.Equal(expected[name], actual[name]);
        }
    }

    /// <summary>
    /// Asserts max |expected − actual| ≤ <paramref name="relative"/> · max |expected| for every output and returns the
    /// largest ratio max|diff| / max|expected| seen (the measured tolerance).
    /// </summary>
    public static double AssertClose(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual, double relative)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        double worst = 0;
        foreach (string name in expected.Keys)
        {
            float[] e = expected[name];
            float[] a = actual[name];
            Assert.Equal(e.Length, a.Length);
            double scale = e.Max(v => Math.Abs((double)v));
            double diff = 0;
            for (int i = 0; i < e.Length; i++)
            {
                diff = Math.Max(diff, Math.Abs((double)e[i] - a[i]));
            }

            double ratio = scale == 0 ? diff : diff / scale;
            Assert.True(ratio <= relative, $"output '{name}': max |diff| {diff:G4} is {ratio:G4} of max |output| {scale:G4}, over {relative:G4}");
            worst = Math.Max(worst, ratio);
        }

        return worst;
    }
}
