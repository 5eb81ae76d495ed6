using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SparseCompile.Testing;

/// <summary>Runs a model file in ONNX Runtime (CPU) and returns its outputs as float arrays by name.</summary>
public static class OrtRunner
{
    /// <summary>Runs <paramref name="modelPath"/> on float inputs (name → values, dims).</summary>
    public static Dictionary<string, float[]> Run(string modelPath, IReadOnlyDictionary<string, (float[] Values, int[] Dims)> inputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(modelPath, options);
        var feeds = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Key, new DenseTensor<float>(i.Value.Values, i.Value.Dims))).ToList();
        using var results = session.Run(feeds);
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }

    /// <summary>Runs a model on int64 inputs (token ids, masks).</summary>
    public static Dictionary<string, float[]> RunInt64(string modelPath, IReadOnlyDictionary<string, (long[] Values, int[] Dims)> inputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(modelPath, options);
        var feeds = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Key, new DenseTensor<long>(i.Value.Values, i.Value.Dims))).ToList();
        using var results = session.Run(feeds);
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }
}
