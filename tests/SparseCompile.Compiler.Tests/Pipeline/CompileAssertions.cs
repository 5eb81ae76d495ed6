using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Pipeline;

/// <summary>Checks on compiled models that do not trust the compiler's own report.</summary>
internal static class CompileAssertions
{
    /// <summary>Every M-group along the reduction axis holds at most N nonzeros, counted directly.</summary>
    public static void AssertNM(float[] values, IReadOnlyList<long> dims, int axis, int n, int m)
    {
        long length = dims[axis];
        long inner = 1;
        for (int d = axis + 1; d < dims.Count; d++)
        {
            inner *= dims[d];
        }

        long outer = values.Length / (length * inner);
        for (long o = 0; o < outer; o++)
        {
            for (long i = 0; i < inner; i++)
            {
                for (long g = 0; g < length; g += m)
                {
                    int nonzero = 0;
                    for (long k = g; k < g + m; k++)
                    {
                        if (values[(((o * length) + k) * inner) + i] != 0)
                        {
                            nonzero++;
                        }
                    }

                    Assert.True(nonzero <= n, $"group at outer {o}, inner {i}, start {g} has {nonzero} nonzeros");
                }
            }
        }
    }

    /// <summary>Each compiled value is either the original value or zero.</summary>
    public static void AssertSubsetOfOriginal(float[] original, float[] compiled)
    {
        Assert.Equal(original.Length, compiled.Length);
        for (int i = 0; i < original.Length; i++)
        {
            Assert.True(compiled[i] == 0 || compiled[i] == original[i], $"element {i} changed from {original[i]} to {compiled[i]}");
        }
    }

    /// <summary>The compiled model with every prunable weight's values, by name.</summary>
    public static Dictionary<string, float[]> PrunableValues(string modelPath)
    {
        using var model = OnnxModel.Load(modelPath);
        return PrunableWeightFinder.Find(model).ToDictionary(w => w.Name, w => model.ReadInitializer(w.Name).ToSingleArray());
    }
}
