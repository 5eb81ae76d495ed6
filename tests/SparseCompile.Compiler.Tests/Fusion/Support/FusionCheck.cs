using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Tests.Pipeline;
using SparseCompile.Compiler.Tests.Quantization.Support;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Fusion.Support;

/// <summary>Runs a <see cref="BertBlock"/> model before and after a rewrite in ONNX Runtime and measures how far apart they are.</summary>
internal static class FusionCheck
{
    public const int Batch = 3;
    public const int Sequence = 8;

    /// <summary>Output y of the model at <paramref name="path"/> on the seeded inputs (the last 3 tokens of sequences 2 and 3 padded).</summary>
    public static float[] Run(string path, int hidden, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL, bool withMask = true)
    {
        var (x, mask) = BertBlock.Inputs(Batch, Sequence, hidden, padding: 3);
        var floats = new Dictionary<string, (float[], int[])> { ["x"] = (x, [Batch, Sequence, hidden]) };
        var longs = withMask ? new Dictionary<string, (long[], int[])> { ["mask"] = (mask, [Batch, Sequence]) } : null;
        return OrtSessions.Run(path, level, floats, longs)["y"];
    }

    /// <summary>The largest absolute difference between two outputs, and the largest absolute value of the first.</summary>
    public static (double MaxDiff, double MaxValue) Compare(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0, value = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"element {i} is {actual[i]}");
            diff = Math.Max(diff, Math.Abs(expected[i] - actual[i]));
            value = Math.Max(value, Math.Abs(expected[i]));
        }

        return (diff, value);
    }

    /// <summary>Saves <paramref name="model"/> into <paramref name="folder"/>.</summary>
    public static string Save(OnnxModel model, TempFolder folder, string name)
    {
        string path = folder.File(name);
        model.Save(path);
        return path;
    }
}
