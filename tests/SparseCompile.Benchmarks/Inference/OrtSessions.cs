using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Benchmarks.Inference;

/// <summary>ONNX Runtime CPU sessions as the issue measures them: 2 intra-op threads, every graph optimization.</summary>
internal static class OrtSessions
{
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
