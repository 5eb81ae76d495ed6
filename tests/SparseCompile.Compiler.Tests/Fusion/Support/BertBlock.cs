using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Fusion.Support;

/// <summary>
/// BERT self-attention blocks written node for node as PyTorch 1.10 exports them at opset 13 (the form of
/// all-MiniLM-L6-v2): Constant nodes for scalars, Reshape targets computed from Shape/Gather/Unsqueeze/Concat at run
/// time, the additive mask (1 − float(mask[:, None, None, :])) · −10000, Add(bias, MatMul) with the bias first.
/// </summary>
internal sealed class BertBlock
{
    private readonly OnnxBuilder b;
    private readonly BertBlockOptions o;
    private int constants;

    private BertBlock(BertBlockOptions options, int seed)
    {
        o = options;
        b = new OnnxBuilder(13, seed);
    }

    /// <summary>The model: inputs x [batch, sequence, hidden] FLOAT and mask [batch, sequence] INT64, output y.</summary>
    public static OnnxModel Build(BertBlockOptions? options = null, int seed = 3) => new BertBlock(options ?? new BertBlockOptions(), seed).Model();

    /// <summary>Seeded inputs: x, and a mask that pads the last <paramref name="padding"/> tokens of every sequence but the first.</summary>
    public static (float[] X, long[] Mask) Inputs(int batch, int sequence, int hidden, int padding, int seed = 5)
    {
        var x = new OnnxBuilder(seed: seed).RandomValues(batch * sequence * hidden, 2f);
        var mask = new long[batch * sequence];
        for (int i = 0; i < batch; i++)
        {
            for (int t = 0; t < sequence; t++)
            {
                mask[(i * sequence) + t] = i > 0 && t >= sequence - padding ? 0 : 1;
            }
        }

        return (x, mask);
    }

    private OnnxModel Model()
    {
        string x = b.Input("x", DataType.Float, "batch", "sequence", (long)o.Hidden);
        string? mask = o.NoMask ? null : AdditiveMask(b.Input("mask", DataType.Int64, "batch", "sequence"));
        string h = x;
        for (int layer = 0; layer < o.Layers; layer++)
        {
            string attention = Attention($"layer.{layer}.", h, mask);
            h = o.ResidualLayerNorm ? ResidualLayerNorm($"layer.{layer}.", attention, h) : attention;
        }

        b.Return(h, "y", DataType.Float, "batch", "sequence", (long)o.Hidden);
        return b.BuildModel();
    }

    private string AdditiveMask(string mask)
    {
        string wide = b.Node("Unsqueeze", [b.Node("Unsqueeze", [mask, Ints(1)]), Ints(2)]);
        string asFloat = b.Node("Cast", [wide], null, OnnxBuilder.IntAttr("to", (long)DataType.Float));
        return b.Node("Mul", [b.Node("Sub", [Scalar(1f), asFloat]), Scalar(o.MaskFilter)]);
    }

    private string Attention(string prefix, string x, string? mask)
    {
        string query = Projection(prefix + "attention.self.query", x);
        string key = o.SharedQueryKeyWeight ? Projection(prefix + "attention.self.key", x, prefix + "attention.self.query.weight") : Projection(prefix + "attention.self.key", x);
        string value = Projection(prefix + "attention.self.value", x);

        string k = SplitHeads(key);
        string keyT = o.KeyTransposeInTwoSteps ? Transpose(Transpose(k, 0, 2, 1, 3), 0, 1, 3, 2) : Transpose(k, 0, 2, 3, 1);
        string valueT = Transpose(SplitHeads(value), 0, 2, 1, 3);
        string queryT = Transpose(SplitHeads(query), 0, 2, 1, 3);
        string scores = b.Node("MatMul", [queryT, keyT]);
        string scaled = o.ScaleByMul ? b.Node("Mul", [scores, Scalar(1f / MathF.Sqrt(o.HeadSize))]) : b.Node("Div", [scores, Scalar(MathF.Sqrt(o.HeadSize))]);
        if (o.Causal)
        {
            scaled = b.Node("Add", [scaled, CausalMask()]);
        }

        string masked = mask is null ? scaled : b.Node("Add", [scaled, mask]);
        string probabilities = b.Node("Softmax", [masked], null, OnnxBuilder.IntAttr("axis", o.SoftmaxAxis));
        if (o.ProbabilitiesAsOutput)
        {
            b.Graph.Output.Add(new ValueInfoProto { Name = probabilities });
        }

        string context = Transpose(b.Node("MatMul", [probabilities, valueT]), o.MergePerm);
        string shape = b.Node("Concat", [Dim(context, 0), Dim(context, 1), b.Initializer($"merge_{b.Graph.Node.Count}", [1], new long[] { o.Hidden })], null,
            OnnxBuilder.IntAttr("axis", 0));
        return b.Node("Reshape", [context, shape]);
    }

    private string Projection(string name, string x, string? sharedWeight = null)
    {
        string weight = sharedWeight ?? b.RandomInitializer(name + ".weight", [o.Hidden, o.Hidden], 1f / MathF.Sqrt(o.Hidden));
        string bias = b.RandomInitializer(name + ".bias", [o.Hidden], 0.1f);
        return b.Node("Add", [bias, b.Node("MatMul", [x, weight])]);
    }

    private string SplitHeads(string value)
    {
        string heads = b.Initializer($"heads_{b.Graph.Node.Count}", [1], new long[] { o.Heads });
        string size = b.Initializer($"head_size_{b.Graph.Node.Count}", [1], new long[] { o.HeadSize });
        string shape = b.Node("Concat", [Dim(value, 0), Dim(value, 1), heads, size], null, OnnxBuilder.IntAttr("axis", 0));
        return b.Node("Reshape", [value, shape]);
    }

    /// <summary>Unsqueeze(Gather(Shape(value), axis)): one dim as a 1-element tensor, computed at run time.</summary>
    private string Dim(string value, long axis) =>
        b.Node("Unsqueeze", [b.Node("Gather", [b.Node("Shape", [value]), ScalarInt(axis)], null, OnnxBuilder.IntAttr("axis", 0)), Ints(0)]);

    private string ResidualLayerNorm(string prefix, string attention, string residual)
    {
        string dense = Projection(prefix + "attention.output.dense", attention);
        string sum = b.Node("Add", [dense, residual]);
        string mean = b.Node("ReduceMean", [sum], null, OnnxBuilder.IntsAttr("axes", -1));
        string centered = b.Node("Sub", [sum, mean]);
        string variance = b.Node("ReduceMean", [b.Node("Pow", [centered, Scalar(2f)])], null, OnnxBuilder.IntsAttr("axes", -1));
        string normalized = b.Node("Div", [centered, b.Node("Sqrt", [b.Node("Add", [variance, Scalar(1e-12f)])])]);
        string gamma = b.Initializer(prefix + "attention.output.LayerNorm.weight", [o.Hidden], b.RandomValues(o.Hidden, 0.5f).Select(v => v + 1f).ToArray());
        string beta = b.RandomInitializer(prefix + "attention.output.LayerNorm.bias", [o.Hidden], 0.1f);
        return b.Node("Add", [b.Node("Mul", [normalized, gamma]), beta]);
    }

    private string CausalMask()
    {
        int s = o.FixedSequence;
        var values = new float[s * s];
        for (int i = 0; i < s; i++)
        {
            for (int j = i + 1; j < s; j++)
            {
                values[(i * s) + j] = -10000f;
            }
        }

        return b.Initializer($"causal_{b.Graph.Node.Count}", [1, 1, s, s], values);
    }

    private string Transpose(string value, params long[] perm) => b.Node("Transpose", [value], null, OnnxBuilder.IntsAttr("perm", perm));

    private string Scalar(float value) => Constant(TensorFactory.Create<float>("value", [], [value]));

    private string ScalarInt(long value) => Constant(TensorFactory.Create<long>("value", [], [value]));

    private string Ints(params long[] values) => Constant(TensorFactory.Create<long>("value", [values.Length], values));

    private string Constant(TensorProto value)
    {
        var attribute = new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value };
        return b.Node("Constant", [], $"const_{constants++}", attribute);
    }
}
