using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SparseCompile.Testing.RealData;

/// <summary>Runs a ResNet18-like model (one float image input, first output the features) in ONNX Runtime (CPU).</summary>
public static class ResNet18Features
{
    /// <summary>
    /// The flattened first output (512 features for ResNet18) of <paramref name="modelPath"/> for each input
    /// ([1, 3, 224, 224] preprocessed, e.g. <see cref="Photos.ResNet18Input"/>), in one session.
    /// </summary>
    public static float[][] Compute(string modelPath, IEnumerable<float[]> inputs)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(modelPath, options);
        string inputName = session.InputMetadata.Keys.Single();
        string outputName = session.OutputMetadata.Keys.First();
        var features = new List<float[]>();
        foreach (var input in inputs)
        {
            var feed = NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input, ResNet18Preprocessing.Dims));
            using var results = session.Run([feed], [outputName]);
            features.Add(results[0].AsEnumerable<float>().ToArray());
        }

        return [.. features];
    }

    /// <summary>Features of the named photos (see <see cref="Photos"/>).</summary>
    public static float[][] OfPhotos(string modelPath, IEnumerable<string> names) =>
        Compute(modelPath, names.Select(Photos.ResNet18Input));
}
