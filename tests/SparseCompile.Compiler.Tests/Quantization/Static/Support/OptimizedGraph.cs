using Microsoft.ML.OnnxRuntime;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>The nodes ONNX Runtime's CPU optimizer makes of a model, read back from SessionOptions.OptimizedModelFilePath.</summary>
internal static class OptimizedGraph
{
    /// <summary>How many nodes of each "domain:op" the optimized graph has ("" domain written as ":").</summary>
    public static Dictionary<string, int> OpCounts(string modelPath, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    {
        string optimized = Path.Combine(Path.GetDirectoryName(modelPath)!, Path.GetFileNameWithoutExtension(modelPath) + $".{level}.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = optimized })
        using (new InferenceSession(modelPath, options))
        {
        }

        using var model = OnnxModel.Load(optimized);
        return model.Proto.Graph.Node
            .GroupBy(n => (n.Domain == "ai.onnx" ? string.Empty : n.Domain) + ":" + n.OpType)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>The count of "domain:op" (0 when absent).</summary>
    public static int Count(this Dictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);
}
