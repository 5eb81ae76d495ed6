using Google.Protobuf;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Compiler.Tests.Data;

/// <summary>Writes sample folders for tests: model zoo test_data_set_N/input_K.pb sets.</summary>
internal static class SampleFiles
{
    /// <summary>Writes one test_data_set_N folder per sample under <paramref name="folder"/>, input_K.pb per tensor.</summary>
    public static string WritePbSets(string folder, IEnumerable<IReadOnlyList<TensorProto>> samples)
    {
        Directory.CreateDirectory(folder);
        int n = 0;
        foreach (var sample in samples)
        {
            string set = Path.Combine(folder, $"test_data_set_{n++}");
            Directory.CreateDirectory(set);
            for (int k = 0; k < sample.Count; k++)
            {
                WritePb(Path.Combine(set, $"input_{k}.pb"), sample[k]);
            }
        }

        return folder;
    }

    /// <summary>Writes one serialized TensorProto.</summary>
    public static void WritePb(string path, TensorProto tensor)
    {
        using var stream = File.Create(path);
        tensor.WriteTo(stream);
    }

    /// <summary>The MiniLM inputs of each sentence as one sample (batch 1), named after the model's inputs.</summary>
    public static IEnumerable<IReadOnlyList<TensorProto>> MiniLMSentences(IEnumerable<string> sentences) =>
        sentences.Select(s =>
        {
            var inputs = MiniLMInputs.Tokenize([s]);
            long[] dims = [inputs.Batch, inputs.Sequence];
            return (IReadOnlyList<TensorProto>)
            [
                TensorFactory.Create<long>("input_ids", dims, inputs.InputIds),
                TensorFactory.Create<long>("attention_mask", dims, inputs.AttentionMask),
                TensorFactory.Create<long>("token_type_ids", dims, inputs.TokenTypeIds),
            ];
        });
}
