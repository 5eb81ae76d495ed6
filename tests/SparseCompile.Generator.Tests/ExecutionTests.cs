using System.Reflection;
using SparseCompile.Generator.Tests.Support;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Generator.Tests;

/// <summary>
/// The generated wrappers, compiled and loaded, run the compiled models and return what plain ONNX Runtime returns
/// on the same file. A small caller compiled with them uses the API as an application would (spans included).
/// </summary>
public class ExecutionTests
{
    private const string CpuOptions = "new global::SparseCompile.Runtime.SparseModelOptions { Target = global::SparseCompile.Runtime.ExecutionTarget.Cpu }";

    [Fact]
    public void TinyModelFromAnEmbeddedResourceMatchesOnnxRuntime()
    {
        var model = CompiledModels.Tiny;
        var assembly = Build(model.Manifest("TinyModel", "Demo", "Resource", "tiny.onnx"), """
            namespace Demo
            {
                public static class Caller
                {
                    public static float[] Memory(float[] x) { using var m = TinyModel.Load(OPTIONS); return m.Run(x).Y.ToArray(); }
                    public static float[] Async(float[] x) { using var m = TinyModel.Load(OPTIONS); return m.RunAsync(x).GetAwaiter().GetResult().Y.ToArray(); }
                    public static float[] Spans(float[] x) { using var m = TinyModel.Load(OPTIONS); var y = new float[16]; m.Run(x, y); return y; }
                    public static long[] Shape(float[] x) { using var m = TinyModel.Load(OPTIONS); return System.Linq.Enumerable.ToArray(m.Run(x).Y.Shape); }
                    public static long SpanAllocations(float[] x, int runs)
                    {
                        using var m = TinyModel.Load(OPTIONS);
                        var y = new float[16];
                        m.Run(x, y);
                        m.Run(x, y);
                        long before = System.GC.GetAllocatedBytesForCurrentThread();
                        for (int i = 0; i < runs; i++) m.Run(x, y);
                        return System.GC.GetAllocatedBytesForCurrentThread() - before;
                    }
                }
            }
            """, ("tiny.onnx", File.ReadAllBytes(model.ModelPath)));
        float[] x = Enumerable.Range(0, 32).Select(i => MathF.Cos(i * 0.3f)).ToArray();
        float[] expected = RawOrt.Run(model.ModelPath, new Dictionary<string, (float[], long[])> { ["x"] = (x, [2, 16]) })["y"];

        Assert.Equal(expected, Call<float[]>(assembly, "Memory", x));
        Assert.Equal(expected, Call<float[]>(assembly, "Async", x));
        Assert.Equal(expected, Call<float[]>(assembly, "Spans", x));
        Assert.Equal([2L, 8L], Call<long[]>(assembly, "Shape", x));
        Assert.Equal(0L, Call<long>(assembly, "SpanAllocations", x, 100));
    }

    [Fact]
    public void DynamicModelChecksLengthsAndNamesTheShape()
    {
        var model = CompiledModels.TinyDynamic;
        var assembly = Build(model.Manifest("Dyn", "Demo", "File", model.ModelPath), """
            namespace Demo
            {
                public static class Caller
                {
                    public static float[] Run(float[] x, int batch) { using var m = Dyn.Load(OPTIONS); return m.Run(x, batch).Y.ToArray(); }
                    public static void Cancelled(float[] x)
                    {
                        using var m = Dyn.Load(OPTIONS);
                        m.RunAsync(x, 1, new System.Threading.CancellationToken(true)).GetAwaiter().GetResult();
                    }
                }
            }
            """);
        float[] x = Enumerable.Range(0, 48).Select(i => MathF.Sin(i * 0.2f)).ToArray();
        float[] expected = RawOrt.Run(model.ModelPath, new Dictionary<string, (float[], long[])> { ["x"] = (x, [3, 16]) })["y"];

        Assert.Equal(expected, Call<float[]>(assembly, "Run", x, 3));
        var error = Assert.Throws<ArgumentException>(() => Call<float[]>(assembly, "Run", x[..47], 3));
        Assert.StartsWith("x: expected [batch=3, 16] = 48 elements, got 47", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<OperationCanceledException>(() => Call<object>(assembly, "Cancelled", x[..16]));
    }

    [Fact]
    public void ResNet18SpanAndMemoryRunsMatchOnnxRuntime()
    {
        var model = CompiledModels.ResNet18;
        var assembly = Build(model.Manifest("ResNet18", "Demo", "File", model.ModelPath), """
            namespace Demo
            {
                public static class Caller
                {
                    public static float[] Memory(float[] x) { using var m = ResNet18.Load(OPTIONS); return m.Run(x).Pooling395Output0.ToArray(); }
                    public static float[] Spans(float[] x) { using var m = ResNet18.Load(OPTIONS); var y = new float[512]; m.Run(x, y); return y; }
                }
            }
            """);
        var photo = Photos.ResNet18Input(Photos.All[0]);
        float[] expected = RawOrt.Run(model.ModelPath, new Dictionary<string, (float[], long[])> { ["Input247"] = (photo, [1, 3, 224, 224]) })["Pooling395_Output_0"];

        AssertClose(expected, Call<float[]>(assembly, "Memory", photo));
        AssertClose(expected, Call<float[]>(assembly, "Spans", photo));
    }

    [Fact]
    public void MiniLMMatchesOnnxRuntime()
    {
        var model = CompiledModels.MiniLM;
        var assembly = Build(model.Manifest("MiniLM", "Demo", "File", model.ModelPath), """
            namespace Demo
            {
                public static class Caller
                {
                    public static float[] Run(long[] ids, long[] mask, long[] types, int batch, int sequence)
                    {
                        using var m = MiniLM.Load(OPTIONS);
                        return m.RunAsync(ids, mask, types, batch, sequence).GetAwaiter().GetResult().LastHiddenState.ToArray();
                    }
                }
            }
            """);
        var inputs = MiniLMInputs.Tokenize(["A cat sits on the mat.", "Sparse models run fast."]);
        var feeds = inputs.Feeds.ToDictionary(f => f.Key, f => (f.Value.Values, f.Value.Dims.Select(d => (long)d).ToArray()));
        float[] expected = RawOrt.Run(model.ModelPath, feeds)["last_hidden_state"];

        AssertClose(expected, Call<float[]>(assembly, "Run", inputs.InputIds, inputs.AttentionMask, inputs.TokenTypeIds, inputs.Batch, inputs.Sequence));
    }

    private static Assembly Build(ManifestFile manifest, string caller, params (string Name, byte[] Bytes)[] resources)
    {
        var driver = GeneratorHarness.Driver([manifest]);
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(caller.Replace("OPTIONS", CpuOptions, StringComparison.Ordinal)), out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        return GeneratedAssembly.Load(output, resources);
    }

    private static T Call<T>(Assembly assembly, string method, params object[] arguments)
    {
        var type = assembly.GetType("Demo.Caller")!;
        return (T)GeneratedAssembly.Call(type, null, method, [.. arguments.Select(a => a.GetType())], arguments)!;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"element {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
