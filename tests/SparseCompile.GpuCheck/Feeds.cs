using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SparseCompile.GpuCheck;

/// <summary>One input per model input, from its metadata: MiniLM's token inputs, or seeded floats; dynamic dims become 1 or the token count.</summary>
internal static class Feeds
{
    public static Dictionary<string, OrtValue> For(IReadOnlyDictionary<string, NodeMetadata> inputs)
    {
        var random = new Random(11);
        var feeds = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        foreach (var (name, meta) in inputs)
        {
            long[] shape = meta.Dimensions.Select((d, i) => d > 0 ? d : i == 0 ? 1L : CheckModels.Tokens).ToArray();
            long count = shape.Aggregate(1L, (a, b) => a * b);
            feeds[name] = meta.ElementDataType switch
            {
                TensorElementType.Int64 when name == "input_ids" => OrtValue.CreateTensorValueFromMemory(CheckModels.TokenIds(random), shape),
                TensorElementType.Int64 when name == "attention_mask" => OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, (int)count).ToArray(), shape),
                TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(new long[count], shape),
                TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(
                    Enumerable.Range(0, (int)count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray(), shape),
                var other => throw new InvalidOperationException($"input '{name}' has element type {other}, which the check does not feed"),
            };
        }

        return feeds;
    }
}
