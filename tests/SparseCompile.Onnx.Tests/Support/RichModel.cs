using Google.Protobuf;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tests.Support;

/// <summary>
/// A model that uses every part of the format a save could drop: metadata, doc strings at every level,
/// value_info, quantization annotations, sparse initializers, tensors in node attributes, functions,
/// training info, device configurations and fields this schema does not know.
/// </summary>
public static class RichModel
{
    public const int UnknownField = 999;
    public const string ModelExtra = "model-level field from a newer schema";
    public const string NodeExtra = "node-level field from a newer schema";
    public const string TensorExtra = "tensor-level field from a newer schema";

    /// <summary>The serialized model; every tensor is raw_data, and every tensor of 1 KiB or more is listed in <see cref="LargeTensors"/>.</summary>
    public static byte[] Bytes()
    {
        var b = new OnnxBuilder(17, seed: 21);
        string x = b.Input("x", DataType.Float, "batch", 64);
        string h = b.MatMul(x, 64, 32, "weight");
        h = b.Relu(h);
        b.Return(h, "y", DataType.Float, "batch", 32);
        var proto = b.Build();
        var graph = proto.Graph;

        proto.DocString = "model doc";
        proto.Domain = "org.sparsecompile.tests";
        proto.ModelVersion = 42;
        proto.MetadataProps.Add(Entry("author", "tests"));
        proto.MetadataProps.Add(Entry("ünïcödé", "välüe"));
        proto.Configuration.Add(new DeviceConfigurationProto { Name = "cfg", NumDevices = 2, Device = { "cpu:0", "cpu:1" } });

        graph.DocString = "graph doc";
        graph.MetadataProps.Add(Entry("graph-key", "graph-value"));
        graph.ValueInfo.Add(new ValueInfoProto
        {
            Name = graph.Node[0].Output[0],
            DocString = "value doc",
            MetadataProps = { Entry("vi", "1") },
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "batch", Denotation = "DATA_BATCH" }, new TensorShapeProto.Types.Dimension { DimValue = 32 } } } } },
        });
        graph.QuantizationAnnotation.Add(new TensorAnnotation
        {
            TensorName = "weight",
            QuantParameterTensorNames = { Entry("SCALE_TENSOR", "weight_scale"), Entry("ZERO_POINT_TENSOR", "weight_zp") },
        });

        var weight = graph.Initializer.Single(t => t.Name == "weight");
        weight.DocString = "tensor doc";
        weight.MetadataProps.Add(Entry("tensor-key", "tensor-value"));
        graph.Initializer[graph.Initializer.IndexOf(weight)] = WithUnknown(weight, TensorProto.Parser, TensorExtra);

        var node = graph.Node[0];
        node.DocString = "node doc";
        node.MetadataProps.Add(Entry("node-key", "node-value"));
        node.Domain = "";
        graph.Node[0] = WithUnknown(node, NodeProto.Parser, NodeExtra);

        // A Constant whose value is a tensor attribute (2 KiB), and a small one that stays embedded.
        graph.Node.Add(Constant("big_const", Floats("big_const_value", 512, 1)));
        graph.Node.Add(Constant("small_const", Floats("small_const_value", 4, 2)));

        graph.SparseInitializer.Add(new SparseTensorProto
        {
            Values = Floats("sparse_values", 300, 3),
            Indices = TensorFactory.Create<long>("sparse_indices", [300], Enumerable.Range(0, 300).Select(i => (long)i * 3).ToArray()),
            Dims = { 1000 },
        });

        var function = new FunctionProto
        {
            Name = "ScaledAdd",
            Domain = "org.sparsecompile.fn",
            DocString = "function doc",
            Input = { "a" },
            Output = { "b" },
            Attribute = { "alpha" },
            AttributeProto = { new AttributeProto { Name = "beta", Type = AttributeProto.Types.AttributeType.Tensor, T = Floats("fn_default", 400, 4) } },
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
            MetadataProps = { Entry("fn", "meta") },
        };
        function.Node.Add(Constant("fn_const", Floats("fn_const_value", 300, 5)));
        function.Node.Add(new NodeProto { OpType = "Add", Input = { "a", "fn_const" }, Output = { "b" } });
        proto.Functions.Add(function);

        var init = new GraphProto { Name = "init", DocString = "init doc", Initializer = { Floats("init_state", 1024, 6) } };
        init.Node.Add(new NodeProto { OpType = "Identity", Input = { "init_state" }, Output = { "init_out" } });
        init.Output.Add(new ValueInfoProto { Name = "init_out" });
        var algorithm = new GraphProto { Name = "algo", Initializer = { Floats("learning_rate", 1, 7), Floats("momentum", 600, 8) } };
        algorithm.Node.Add(new NodeProto { OpType = "Mul", Input = { "weight", "learning_rate" }, Output = { "new_weight" } });
        algorithm.Output.Add(new ValueInfoProto { Name = "new_weight" });
        proto.TrainingInfo.Add(new TrainingInfoProto
        {
            Initialization = init,
            Algorithm = algorithm,
            InitializationBinding = { Entry("weight", "init_out") },
            UpdateBinding = { Entry("weight", "new_weight") },
        });

        byte[] bytes = [.. proto.ToByteArray(), .. Unknown(ModelExtra)];
        // Sanity: Google.Protobuf reads and writes these bytes back unchanged.
        Assert.Equal(bytes, ModelProto.Parser.ParseFrom(bytes).ToByteArray());
        return bytes;
    }

    /// <summary>The tensors of 1 KiB or more: the ones an external save with the default threshold moves out.</summary>
    public static readonly string[] LargeTensors =
        ["weight", "big_const_value", "sparse_values", "sparse_indices", "fn_default", "fn_const_value", "init_state", "momentum"];

    /// <summary>Unknown field <see cref="UnknownField"/> (a string) plus field 1000 (a varint), written with CodedOutputStream.</summary>
    public static byte[] Unknown(string payload)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(UnknownField, WireFormat.WireType.LengthDelimited);
        output.WriteString(payload);
        output.WriteTag(UnknownField + 1, WireFormat.WireType.Varint);
        output.WriteInt64(123456789);
        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>The string value of field <see cref="UnknownField"/> among the top-level fields of a message, or null.</summary>
    public static string? ReadUnknown(byte[] message)
    {
        var input = new CodedInputStream(message);
        string? found = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == UnknownField)
            {
                found = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    /// <summary>A copy with tensor values and where they live cleared everywhere, to compare everything else.</summary>
    public static ModelProto WithoutTensorData(ModelProto model)
    {
        var copy = model.Clone();
        foreach (var slot in IO.TensorWalker.All(copy))
        {
            slot.Tensor.ClearRawData();
            slot.Tensor.FloatData.Clear();
            slot.Tensor.Int64Data.Clear();
            slot.Tensor.ExternalData.Clear();
            slot.Tensor.ClearDataLocation();
        }

        return copy;
    }

    private static T WithUnknown<T>(T message, MessageParser<T> parser, string payload) where T : IMessage<T> =>
        parser.ParseFrom([.. message.ToByteArray(), .. Unknown(payload)]);

    private static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };

    private static TensorProto Floats(string name, int count, int seed)
    {
        var random = new Random(seed);
        return TensorFactory.Create<float>(name, [count], Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray());
    }

    private static NodeProto Constant(string output, TensorProto value) => new()
    {
        OpType = "Constant",
        Name = output + "_node",
        Output = { output },
        Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value } },
    };
}
