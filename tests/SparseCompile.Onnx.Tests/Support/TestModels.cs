using System.Globalization;
using Google.Protobuf;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tests.Support;

/// <summary>A model built by the tests, with the inputs to run it on.</summary>
public sealed record BuiltModel(string Kind, ModelProto Proto, Dictionary<string, (float[] Values, int[] Dims)> Inputs);

/// <summary>The small models the tests build with <see cref="OnnxBuilder"/>, and ways to look at saved files independently of the library.</summary>
public static class TestModels
{
    public static readonly int[] Opsets = [8, 11, 13, 17, 21];

    /// <summary>MatMul → Add → Relu → Gemm(transB) → Relu → Gemm on x [2, 16].</summary>
    public static BuiltModel Dense(int opset, TensorEncoding encoding, int seed = 7)
    {
        var b = new OnnxBuilder(opset, seed) { Encoding = encoding };
        string x = b.Input("x", DataType.Float, 2, 16);
        string h = b.MatMul(x, 16, 32);
        h = b.Add(h, b.RandomInitializer("dense_bias", [32], 0.1f));
        h = b.Relu(h);
        h = b.Gemm(h, 32, 24, transB: true);
        h = b.Relu(h);
        h = b.Gemm(h, 24, 8);
        b.Return(h, "y", DataType.Float, 2, 8);
        return new BuiltModel("dense", b.Build(), new() { ["x"] = (b.RandomValues(32), [2, 16]) });
    }

    /// <summary>Conv → BatchNormalization → Relu → grouped Conv → depthwise Conv → Add (residual) → Relu on x [1, 4, 8, 8].</summary>
    public static BuiltModel Convolutional(int opset, TensorEncoding encoding, int seed = 11)
    {
        var b = new OnnxBuilder(opset, seed) { Encoding = encoding };
        string x = b.Input("x", DataType.Float, 1, 4, 8, 8);
        string h = b.Conv(x, 4, 8);
        h = b.BatchNorm(h, 8);
        string r = b.Relu(h);
        h = b.Conv(r, 8, 8, group: 2);
        h = b.Conv(h, 8, 8, group: 8);
        h = b.Add(h, r);
        h = b.Relu(h);
        b.Return(h, "y", DataType.Float, 1, 8, 8, 8);
        return new BuiltModel("conv", b.Build(), new() { ["x"] = (b.RandomValues(4 * 8 * 8), [1, 4, 8, 8]) });
    }

    public static BuiltModel Make(string kind, int opset, TensorEncoding encoding) =>
        kind == "dense" ? Dense(opset, encoding) : Convolutional(opset, encoding);

    /// <summary>
    /// A MatMul chain whose weights have awkward sizes around the alignment rules: tensors of at least
    /// 1 MiB, odd lengths just above the 1 KiB threshold, and tiny ones that stay embedded.
    /// </summary>
    public static BuiltModel Aligned(int seed = 3)
    {
        var b = new OnnxBuilder(13, seed);
        string x = b.Input("x", DataType.Float, 1, 512);
        string h = b.MatMul(x, 512, 512, "w_1mib");      // exactly 1 MiB
        h = b.MatMul(h, 512, 7, "w_odd_14336");          // 14336 bytes
        h = b.Add(h, b.RandomInitializer("b_tiny", [7]));  // 28 bytes, stays embedded
        h = b.MatMul(h, 7, 37, "w_odd_1036");            // 1036 bytes: just over the threshold
        h = b.MatMul(h, 37, 9001, "w_large_odd");         // 1332148 bytes: large and odd
        h = b.MatMul(h, 9001, 3, "w_after_large");        // 108012 bytes
        b.Return(h, "y", DataType.Float, 1, 3);
        return new BuiltModel("aligned", b.Build(), new() { ["x"] = (b.RandomValues(512), [1, 512]) });
    }

    /// <summary>Writes the message with Google.Protobuf alone, bypassing the library's writer.</summary>
    public static string WriteProto(ModelProto proto, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, proto.ToByteArray());
        return path;
    }

    /// <summary>Parses a model file with Google.Protobuf alone.</summary>
    public static ModelProto ReadProto(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

    /// <summary>The external_data entries of a tensor, read without the library.</summary>
    public static (string Location, long Offset, long Length) External(TensorProto tensor)
    {
        Assert.Equal(TensorProto.Types.DataLocation.External, tensor.DataLocation);
        var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value);
        return (entries["location"],
            long.Parse(entries["offset"], CultureInfo.InvariantCulture),
            long.Parse(entries["length"], CultureInfo.InvariantCulture));
    }

    /// <summary>The decoded bytes of every tensor of a model (by walk position), for comparing two models.</summary>
    public static List<(string Name, DataType Type, long[] Dims, byte[] Bytes, string[] Strings)> Snapshot(OnnxModel model) =>
        TensorWalker.All(model.Proto).Select(s =>
        {
            var data = model.ReadTensor(s.Tensor);
            return (data.Name, data.ElementType, data.Dims.ToArray(), data.Bytes.ToArray(),
                data.Strings.Select(Convert.ToHexString).ToArray());
        }).ToList();

    /// <summary>Asserts two snapshots hold the same tensors with identical bytes.</summary>
    public static void AssertSameTensors(
        List<(string Name, DataType Type, long[] Dims, byte[] Bytes, string[] Strings)> expected,
        List<(string Name, DataType Type, long[] Dims, byte[] Bytes, string[] Strings)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, actual[i].Name);
            Assert.Equal(expected[i].Type, actual[i].Type);
            Assert.Equal(expected[i].Dims, actual[i].Dims);
            Assert.True(expected[i].Bytes.AsSpan().SequenceEqual(actual[i].Bytes), $"tensor '{expected[i].Name}' decodes to different bytes");
            Assert.Equal(expected[i].Strings, actual[i].Strings);
        }
    }

    /// <summary>The packed bytes of a FLOAT tensor built from values.</summary>
    public static byte[] Bytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>A model with only the given initializers (no nodes): enough for the tensor layer.</summary>
    public static ModelProto WithInitializers(params TensorProto[] tensors)
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "tensors" } };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        model.Graph.Initializer.AddRange(tensors);
        return model;
    }

    public static ByteString Utf8(string s) => ByteString.CopyFromUtf8(s);

    /// <summary>
    /// A model whose one FLOAT initializer "giant" is 2 GiB + 64 bytes of external data in a sparse file
    /// (no disk used): too large for one protobuf or one span, without the cost of real data.
    /// </summary>
    public static string GiantExternalModel(string folder)
    {
        const long elements = (1L << 29) + 16;
        using (var data = new FileStream(Path.Combine(folder, "model.onnx.data"), FileMode.CreateNew))
        {
            data.SetLength(elements * 4);
        }

        var tensor = new TensorProto { Name = "giant", DataType = (int)DataType.Float, Dims = { elements }, DataLocation = TensorProto.Types.DataLocation.External };
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "model.onnx.data" });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "0" });
        return WriteProto(WithInitializers(tensor), Path.Combine(folder, "model.onnx"));
    }
}
