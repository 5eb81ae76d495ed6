using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Benchmarks.Inference;

/// <summary>ONNX Runtime CPU sessions as the issue measures them: 2 intra-op threads, every graph optimization.</summary>
internal static class OrtSessions
{
    /// <summary>One run; returns the first output's first value, so the work cannot be optimized away.</summary>
    public static float RunFirst(InferenceSession session, IReadOnlyCollection<NamedOnnxValue> feeds)
    {
        using var results = session.Run(feeds);
        return results[0].AsTensor<float>().GetValue(0);
    }

    public static InferenceSession Open(string modelPath)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 2,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        return new InferenceSession(modelPath, options);
    }

    /// <summary>A fresh folder for compiled variants, under the temp path.</summary>
    public static string TempFolder(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sparsecompile-bench", name + "-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
