using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>What the app should print: the model compiled in-process (as <c>sparsec compile</c> does) and run with raw ONNX Runtime.</summary>
internal static class Reference
{
    /// <summary>Compiles like <c>sparsec compile</c>; returns the compiled model's path.</summary>
    public static string Compile(CompileOptions options) => SparseCompiler.Compile(options).ModelPath;

    /// <summary>The first output of <paramref name="modelPath"/> on CPU for one float input.</summary>
    public static float[] Run(string modelPath, float[] input, int[] dims)
    {
        using var session = new InferenceSession(modelPath);
        using var value = OrtValue.CreateTensorValueFromMemory(input, dims.Select(d => (long)d).ToArray());
        using var run = new RunOptions();
        using var outputs = session.Run(run, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Equal within float rounding of differently fused kernels.</summary>
    public static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-4f + (1e-4f * MathF.Abs(expected[i])),
                $"output {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
