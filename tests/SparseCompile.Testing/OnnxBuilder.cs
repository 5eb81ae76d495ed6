using Google.Protobuf;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Testing;

/// <summary>
/// Builds small, valid ONNX models for tests: MatMul, Gemm, Conv (with groups), BatchNormalization,
/// Relu and Add graphs with seeded random weights, in any tensor encoding and opsets 8 to 21.
/// </summary>
public sealed class OnnxBuilder
{
    private readonly GraphProto graph = new() { Name = "test_graph" };
    private readonly Random random;
    private int nextId;

    /// <summary>Starts a model for <paramref name="opset"/> with seeded weights.</summary>
    public OnnxBuilder(int opset = 13, int seed = 1)
    {
        Opset = opset;
        random = new Random(seed);
    }

    /// <summary>The default-domain opset the model imports.</summary>
    public int Opset { get; }

    /// <summary>How new initializers store their values.</summary>
    public TensorEncoding Encoding { get; set; } = TensorEncoding.Raw;

    /// <summary>The IR version written; by default the one that came with the opset.</summary>
    public long? IrVersion { get; set; }

    /// <summary>The graph built so far, for tests that need to add unusual pieces.</summary>
    public GraphProto Graph => graph;

    /// <summary>The IR version that shipped with an opset (8 → 3, 13 → 7, 21 → 10).</summary>
    public static long IrVersionFor(int opset) => opset switch
    {
        <= 8 => 3,
        9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    /// <summary>Declares a graph input; dims are longs (fixed) or strings (symbolic).</summary>
    public string Input(string name, DataType type, params object[] dims)
    {
        graph.Input.Add(Value(name, type, dims));
        return name;
    }

    /// <summary>Declares a graph output; dims are longs (fixed) or strings (symbolic).</summary>
    public string Output(string name, DataType type, params object[] dims)
    {
        graph.Output.Add(Value(name, type, dims));
        return name;
    }

    /// <summary>Adds an initializer with the given values.</summary>
    public string Initializer<T>(string name, long[] dims, T[] values) where T : unmanaged
    {
        graph.Initializer.Add(TensorFactory.Create<T>(name, dims, values, Encoding));
        return name;
    }

    /// <summary>Adds a FLOAT initializer with seeded uniform values in [-scale, scale].</summary>
    public string RandomInitializer(string name, long[] dims, float scale = 1f) =>
        Initializer(name, dims, RandomValues(dims.Aggregate(1L, (a, b) => a * b), scale));

    /// <summary>Seeded uniform values in [-scale, scale].</summary>
    public float[] RandomValues(long count, float scale = 1f)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }

    /// <summary>Adds a node; returns its first output's name.</summary>
    public string Node(string opType, string[] inputs, string? output = null, params AttributeProto[] attributes)
    {
        string id = $"{opType.ToLowerInvariant()}_{nextId++}";
        var node = new NodeProto { OpType = opType, Name = id };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? id + "_out");
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>x [.., K] times a random weight [K, N].</summary>
    public string MatMul(string x, long k, long n, string? weightName = null)
    {
        string w = RandomInitializer(weightName ?? $"matmul_w_{nextId}", [k, n], 1f / MathF.Sqrt(k));
        return Node("MatMul", [x, w]);
    }

    /// <summary>Gemm of x [M, K] with a random weight ([K, N], or [N, K] when transposed) and bias [N].</summary>
    public string Gemm(string x, long k, long n, bool transB = false, string? weightName = null)
    {
        string w = RandomInitializer(weightName ?? $"gemm_w_{nextId}", transB ? [n, k] : [k, n], 1f / MathF.Sqrt(k));
        string b = RandomInitializer($"gemm_b_{nextId}", [n], 0.1f);
        return transB ? Node("Gemm", [x, w, b], null, IntAttr("transB", 1)) : Node("Gemm", [x, w, b]);
    }

    /// <summary>Conv of x [N, C, H, W] with a random weight [cout, cin/group, k, k] and bias.</summary>
    public string Conv(string x, long cin, long cout, long kernel = 3, long group = 1, long pad = 1, string? weightName = null)
    {
        string w = RandomInitializer(weightName ?? $"conv_w_{nextId}", [cout, cin / group, kernel, kernel], 1f / MathF.Sqrt(cin / group * kernel * kernel));
        string b = RandomInitializer($"conv_b_{nextId}", [cout], 0.1f);
        return Node("Conv", [x, w, b], null,
            IntsAttr("kernel_shape", kernel, kernel), IntsAttr("pads", pad, pad, pad, pad), IntAttr("group", group));
    }

    /// <summary>BatchNormalization over <paramref name="channels"/> with random statistics (variance positive).</summary>
    public string BatchNorm(string x, long channels)
    {
        int id = nextId;
        string scale = Initializer($"bn_scale_{id}", [channels], RandomValues(channels, 0.5f).Select(v => v + 1f).ToArray());
        string bias = RandomInitializer($"bn_bias_{id}", [channels], 0.1f);
        string mean = RandomInitializer($"bn_mean_{id}", [channels], 0.1f);
        string variance = Initializer($"bn_var_{id}", [channels], RandomValues(channels, 0.5f).Select(v => v + 1f).ToArray());
        var attributes = new List<AttributeProto> { FloatAttr("epsilon", 1e-5f) };
        if (Opset < 9)
        {
            attributes.Add(IntAttr("spatial", 1)); // opset 7-8 still have the attribute
        }

        return Node("BatchNormalization", [x, scale, bias, mean, variance], null, [.. attributes]);
    }

    /// <summary>Relu.</summary>
    public string Relu(string x) => Node("Relu", [x]);

    /// <summary>Elementwise Add.</summary>
    public string Add(string a, string b) => Node("Add", [a, b]);

    /// <summary>Renames the last node's output to a graph output name and declares it.</summary>
    public string Return(string value, string outputName, DataType type, params object[] dims)
    {
        var producer = graph.Node.Last(n => n.Output.Contains(value));
        producer.Output[producer.Output.IndexOf(value)] = outputName;
        return Output(outputName, type, dims);
    }

    /// <summary>The finished model message.</summary>
    public ModelProto Build()
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion ?? IrVersionFor(Opset),
            ProducerName = "SparseCompile.Testing",
            ProducerVersion = "1",
            Graph = graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        if (model.IrVersion < 4)
        {
            // IR 3 requires every initializer to be a graph input as well.
            foreach (var initializer in model.Graph.Initializer)
            {
                model.Graph.Input.Add(new ValueInfoProto
                {
                    Name = initializer.Name,
                    Type = TensorType(initializer.DataType, initializer.Dims.Select(d => (object)d).ToArray()),
                });
            }
        }

        return model;
    }

    /// <summary>The finished model wrapped for the model layer.</summary>
    public OnnxModel BuildModel() => OnnxModel.FromProto(Build());

    /// <summary>An INT attribute.</summary>
    public static AttributeProto IntAttr(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An INTS attribute.</summary>
    public static AttributeProto IntsAttr(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A FLOAT attribute.</summary>
    public static AttributeProto FloatAttr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A STRING attribute.</summary>
    public static AttributeProto StringAttr(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static ValueInfoProto Value(string name, DataType type, object[] dims) =>
        new() { Name = name, Type = TensorType((int)type, dims) };

    private static TypeProto TensorType(int elementType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (object d in dims)
        {
            shape.Dim.Add(d is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } };
    }
}
