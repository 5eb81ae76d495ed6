using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;
using ValueType = SparseCompile.Onnx.Graph.ValueType;

namespace SparseCompile.Onnx.Tests;

/// <summary>The two real models: what they are, and that they survive embedded and external saves bit for bit.</summary>
public class RealModelTests
{
    private static readonly long[] TokenIds = [101, 7592, 2088, 102];

    [Fact]
    public void ResNet18IsAnIr3Opset8ModelWithFloatDataWeights()
    {
        using var model = OnnxModel.Load(RealModels.ResNet18Path);
        Assert.Equal(RealModels.ResNet18Path, model.FilePath);
        Assert.Equal(3, model.Proto.IrVersion);
        Assert.Equal(8, model.OpsetVersion());
        Assert.Equal(8, model.OpsetVersion("ai.onnx"));

        var initializers = model.Proto.Graph.Initializer;
        Assert.Equal(110, initializers.Count);
        Assert.All(initializers, t =>
        {
            Assert.Equal((int)DataType.Float, t.DataType);
            Assert.False(t.HasRawData);
            Assert.Equal(t.Dims.Aggregate(1L, (a, d) => a * d), t.FloatData.Count);
            Assert.Equal(TensorStorage.Typed, model.StorageOf(t));
        });

        var input = Assert.Single(model.Graph.RuntimeInputs);
        var inputType = ValueType.Of(input);
        Assert.Equal("Input247", inputType.Name);
        Assert.Equal("FLOAT", inputType.ElementTypeName);
        Assert.Equal("[1, 3, 224, 224]", inputType.Shape.ToString());
        Assert.True(inputType.Shape.IsStatic);

        var output = Assert.Single(model.Proto.Graph.Output);
        Assert.Equal("Pooling395_Output_0", output.Name);
        Assert.Equal("[1, 512, 1, 1]", model.Graph.ShapeOf(output.Name).ToString());
    }

    [Fact]
    public void MiniLMIsAnIr7Opset13ModelWithRawDataWeightsAndSymbolicInputs()
    {
        using var model = OnnxModel.Load(RealModels.MiniLMPath);
        Assert.Equal(7, model.Proto.IrVersion);
        Assert.Equal(13, model.OpsetVersion());

        var initializers = model.Proto.Graph.Initializer;
        Assert.Equal(148, initializers.Count);
        Assert.All(initializers, t =>
        {
            Assert.True(t.HasRawData);
            Assert.Equal(TensorStorage.Raw, model.StorageOf(t));
        });

        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], model.Graph.RuntimeInputs.Select(i => i.Name));
        Assert.All(model.Graph.RuntimeInputs, input =>
        {
            var type = ValueType.Of(input);
            Assert.Equal("tensor", type.Kind);
            Assert.Equal((int)DataType.Int64, type.ElementType);
            Assert.Equal("INT64", type.ElementTypeName);
            Assert.False(type.Shape.IsStatic);
            Assert.Equal(["batch", "sequence"], type.Shape.Dims!.Select(d => d.Symbol));
            Assert.All(type.Shape.Dims!, d => Assert.Null(d.Value));
        });

        // Besides the initializers, Constant nodes hold tensors in attributes; the walker finds those too.
        Assert.True(TensorWalker.All(model.Proto).Count > initializers.Count);
    }

    [Fact]
    public void ResNet18SurvivesEmbeddedAndExternalSaves()
    {
        using var temp = new TempFolder("resnet18");
        var random = new Random(2024);
        var image = Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)random.NextDouble()).ToArray();
        var inputs = new Dictionary<string, (float[], int[])> { ["Input247"] = (image, [1, 3, 224, 224]) };
        RoundTrip(RealModels.ResNet18Path, temp, path => OrtRunner.Run(path, inputs), ["Pooling395_Output_0"]);
    }

    [Fact]
    public void MiniLMSurvivesEmbeddedAndExternalSaves()
    {
        using var temp = new TempFolder("minilm");
        var inputs = new Dictionary<string, (long[], int[])>
        {
            ["input_ids"] = (TokenIds, [1, TokenIds.Length]),
            ["attention_mask"] = (TokenIds.Select(_ => 1L).ToArray(), [1, TokenIds.Length]),
            ["token_type_ids"] = (new long[TokenIds.Length], [1, TokenIds.Length]),
        };
        RoundTrip(RealModels.MiniLMPath, temp, path => OrtRunner.RunInt64(path, inputs), ["last_hidden_state", "924"]);
    }

    private static void RoundTrip(string source, TempFolder temp, Func<string, Dictionary<string, float[]>> run, string[] outputs)
    {
        string embedded = temp.File("embedded", "model.onnx");
        string external = temp.File("external", "model.onnx");
        string reexternal = temp.File("external-again", "model.onnx");
        List<(string, DataType, long[], byte[], string[])> truth;
        using (var model = OnnxModel.Load(source))
        {
            truth = TestModels.Snapshot(model);
            model.Save(embedded, new OnnxSaveOptions { ExternalData = ExternalDataMode.Never });
            model.Save(external, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        // An embedded save writes back the very message that was read.
        Assert.Equal(TestModels.ReadProto(source), TestModels.ReadProto(embedded));
        Assert.Equal(["model.onnx"], temp.FileNames(temp.File("embedded")));
        Assert.Equal(["model.onnx", "model.onnx.data"], temp.FileNames(temp.File("external")));
        Assert.True(new FileInfo(external).Length < new FileInfo(source).Length / 10, "the weights did not move out of the external model");

        using (var model = OnnxModel.Load(external))
        {
            Assert.All(model.Proto.Graph.Initializer.Where(t => model.ByteCountOf(t) >= 1024),
                t => Assert.Equal(TensorStorage.External, model.StorageOf(t)));
            TestModels.AssertSameTensors(truth, TestModels.Snapshot(model));

            // And once more from the external model: external to external.
            model.Save(reexternal, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        Assert.Equal(File.ReadAllBytes(temp.File("external", "model.onnx.data")), File.ReadAllBytes(temp.File("external-again", "model.onnx.data")));
        using (var model = OnnxModel.Load(embedded))
        {
            TestModels.AssertSameTensors(truth, TestModels.Snapshot(model));
        }

        var expected = run(source);
        foreach (string path in new[] { embedded, external, reexternal })
        {
            var actual = run(path);
            Assert.Equal(outputs.Order(), actual.Keys.Order());
            foreach (string name in outputs)
            {
                Expect.Meaningful(expected[name], name);
                Expect.BitIdentical(expected[name], actual[name], $"{name} of {Path.GetFileName(Path.GetDirectoryName(path))}");
            }
        }
    }
}
