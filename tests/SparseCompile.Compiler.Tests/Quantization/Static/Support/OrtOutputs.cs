using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>Runs a one-input, one-output model on several inputs in one ONNX Runtime CPU session.</summary>
internal static class OrtOutputs
{
    /// <summary>The first output, flattened, for each input.</summary>
    public static float[][] Run(string modelPath, string input, int[] dims, IEnumerable<float[]> inputs,
        GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level, IntraOpNumThreads = 2 };
        using var session = new InferenceSession(modelPath, options);
        string output = session.OutputMetadata.Keys.First();
        return inputs.Select(values =>
        {
            var feed = NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(values, dims));
            using var results = session.Run([feed], [output]);
            return results[0].AsEnumerable<float>().ToArray();
        }).ToArray();
    }
}
