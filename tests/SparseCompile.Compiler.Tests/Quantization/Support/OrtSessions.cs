using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Tests.Quantization.Support;

/// <summary>ONNX Runtime CPU sessions at a chosen optimization level, and the graph ORT's optimizer made of a model.</summary>
internal static class OrtSessions
{
    /// <summary>Runs a model on float and int64 feeds; returns every output as floats by name.</summary>
    public static Dictionary<string, float[]> Run(string modelPath, GraphOptimizationLevel level,
        IReadOnlyDictionary<string, (float[] Values, int[] Dims)>? floats = null,
        IReadOnlyDictionary<string, (long[] Values, int[] Dims)>? longs = null)
    {
        using var session = Open(modelPath, level);
        return Run(session, floats, longs);
    }

    /// <summary>A CPU session on two threads, for many runs.</summary>
    public static InferenceSession Open(string modelPath, GraphOptimizationLevel level)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level, IntraOpNumThreads = 2 };
        return new InferenceSession(modelPath, options);
    }

    /// <summary>Runs an open session on float and int64 feeds; returns every output as floats by name.</summary>
    public static Dictionary<string, float[]> Run(InferenceSession session,
        IReadOnlyDictionary<string, (float[] Values, int[] Dims)>? floats = null,
        IReadOnlyDictionary<string, (long[] Values, int[] Dims)>? longs = null)
    {
        var feeds = new List<NamedOnnxValue>();
        feeds.AddRange((floats ?? new Dictionary<string, (float[], int[])>()).Select(f => NamedOnnxValue.CreateFromTensor(f.Key, new DenseTensor<float>(f.Value.Values, f.Value.Dims))));
        feeds.AddRange((longs ?? new Dictionary<string, (long[], int[])>()).Select(f => NamedOnnxValue.CreateFromTensor(f.Key, new DenseTensor<long>(f.Value.Values, f.Value.Dims))));
        using var results = session.Run(feeds);
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }

    /// <summary>
    /// The nodes of the graph ORT runs after optimizing <paramref name="modelPath"/> at <paramref name="level"/> for the CPU
    /// (written through SessionOptions.OptimizedModelFilePath and read back).
    /// </summary>
    public static IReadOnlyList<NodeProto> OptimizedNodes(string modelPath, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    {
        string optimized = Path.Combine(Path.GetDirectoryName(modelPath)!, Path.GetFileNameWithoutExtension(modelPath) + $".ort-{level}.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = optimized })
        using (new InferenceSession(modelPath, options))
        {
        }

        using var model = OnnxModel.Load(optimized);
        return model.Proto.Graph.Node.ToArray();
    }

    /// <summary>How many nodes of op type <paramref name="opType"/> in <paramref name="domain"/> there are.</summary>
    public static int Count(IReadOnlyList<NodeProto> nodes, string opType, string domain = "") =>
        nodes.Count(n => n.OpType == opType && (n.Domain == domain || (domain.Length == 0 && n.Domain == "ai.onnx")));
}
