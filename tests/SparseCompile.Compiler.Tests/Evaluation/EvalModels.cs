using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Evaluation;

/// <summary>Small models for the evaluation and gate tests.</summary>
internal static class EvalModels
{
    /// <summary>x [batch, 16] → MatMul w1 [16, 16] → Relu → MatMul w2 [16, 8] → Add b [8] → y [batch, 8] (class scores).</summary>
    public static ModelProto Mlp(int seed = 5)
    {
        var b = new OnnxBuilder(opset: 13, seed: seed);
        string x = b.Input("x", DataType.Float, "batch", 16);
        string h = b.MatMul(x, 16, 16, "w1");
        h = b.Relu(h);
        h = b.MatMul(h, 16, 8, "w2");
        b.RandomInitializer("b", [8], 0.1f);
        h = b.Add(h, "b");
        b.Return(h, "y", DataType.Float, "batch", 8);
        return b.Build();
    }

    /// <summary>
    /// A tiny sentence encoder: input_ids and attention_mask [batch, sequence] (INT64) → Gather from a [vocab, 8]
    /// table → MatMul w [8, 8] → last_hidden_state [batch, sequence, 8].
    /// </summary>
    public static ModelProto Encoder(long vocab = 3000, int seed = 9)
    {
        var b = new OnnxBuilder(opset: 13, seed: seed);
        string ids = b.Input("input_ids", DataType.Int64, "batch", "sequence");
        b.Input("attention_mask", DataType.Int64, "batch", "sequence");
        string table = b.RandomInitializer("word_embeddings", [vocab, 8]);
        string h = b.Node("Gather", [table, ids]);
        h = b.MatMul(h, 8, 8, "w");
        b.Return(h, "last_hidden_state", DataType.Float, "batch", "sequence", 8);
        return b.Build();
    }

    /// <summary>Saves <paramref name="model"/> as <paramref name="path"/>; returns the path.</summary>
    public static string Save(ModelProto model, string path)
    {
        using var wrapped = OnnxModel.FromProto(model);
        wrapped.Save(path);
        return path;
    }

    /// <summary>A copy of <paramref name="model"/> with <paramref name="delta"/> added to element <paramref name="index"/> of initializer <paramref name="name"/>.</summary>
    public static ModelProto Perturb(ModelProto model, string name, int index, float delta)
    {
        var copy = model.Clone();
        var tensor = copy.Graph.Initializer.Single(t => t.Name == name);
        using var wrapped = OnnxModel.FromProto(copy);
        float[] values = wrapped.ReadTensor(tensor).ToSingleArray();
        values[index] += delta;
        var replaced = Onnx.Tensors.TensorFactory.Create<float>(name, tensor.Dims.ToArray(), values);
        tensor.RawData = replaced.RawData;
        tensor.FloatData.Clear();
        return copy;
    }
}
