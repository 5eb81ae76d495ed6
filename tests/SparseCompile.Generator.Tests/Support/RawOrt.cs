using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Generator.Tests.Support;

/// <summary>Plain ONNX Runtime (CPU, default session options, as SparseModelSession uses them) on a compiled model.</summary>
internal static class RawOrt
{
    /// <summary>Runs <paramref name="modelPath"/> and returns every float output by name.</summary>
    public static Dictionary<string, float[]> Run<T>(string modelPath, IReadOnlyDictionary<string, (T[] Values, long[] Shape)> inputs) where T : unmanaged
    {
        using var session = new InferenceSession(modelPath);
        var values = inputs.ToDictionary(i => i.Key, i => OrtValue.CreateTensorValueFromMemory(i.Value.Values, i.Value.Shape));
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, values, session.OutputNames);
            return session.OutputNames.Zip(outputs).ToDictionary(p => p.First, p => p.Second.GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            foreach (var value in values.Values)
            {
                value.Dispose();
            }
        }
    }
}
