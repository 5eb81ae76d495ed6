using Google.Protobuf;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;

namespace SparseCompile.Onnx.Tests;

/// <summary>
/// Saving keeps everything that is not tensor data exactly as it was (metadata, doc strings, value_info,
/// functions, training info, sparse initializers, quantization annotations, unknown fields), and leaves
/// the model in memory untouched.
/// </summary>
public class PreservationTests
{
    [Theory]
    [InlineData(ExternalDataMode.Never)]
    [InlineData(ExternalDataMode.Auto)]
    public void EmbeddedSaveWritesTheSameBytes(ExternalDataMode mode)
    {
        using var temp = new TempFolder("keep");
        byte[] original = RichModel.Bytes();
        string source = temp.File("source.onnx");
        File.WriteAllBytes(source, original);
        string saved = temp.File("out", "model.onnx");
        using (var model = OnnxModel.Load(source))
        {
            model.Save(saved, new OnnxSaveOptions { ExternalData = mode });
            Assert.Equal(original, model.ToByteArray());
        }

        Assert.Equal(original, File.ReadAllBytes(saved));
        Assert.Equal(["model.onnx"], temp.FileNames(temp.File("out")));
    }

    [Fact]
    public void ExternalSaveKeepsEverythingButWhereTheValuesLive()
    {
        using var temp = new TempFolder("keep-ext");
        byte[] original = RichModel.Bytes();
        var originalProto = ModelProto.Parser.ParseFrom(original);
        string saved = temp.File("out", "model.onnx");
        using (var model = OnnxModel.Load(new MemoryStream(original)))
        {
            model.Save(saved, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        // The file as written: the large tensors moved out, wherever they sat ...
        byte[] savedBytes = File.ReadAllBytes(saved);
        var savedProto = ModelProto.Parser.ParseFrom(savedBytes);
        var external = TensorWalker.All(savedProto).Where(s => s.Tensor.DataLocation == TensorProto.Types.DataLocation.External)
            .Select(s => s.Tensor.Name).Order().ToArray();
        Assert.Equal(RichModel.LargeTensors.Order(), external);

        // ... and everything else is the same, read without the library.
        Assert.Equal(RichModel.WithoutTensorData(originalProto), RichModel.WithoutTensorData(savedProto));
        Assert.Equal(RichModel.ModelExtra, RichModel.ReadUnknown(savedBytes));
        Assert.Equal(RichModel.NodeExtra, RichModel.ReadUnknown(savedProto.Graph.Node[0].ToByteArray()));
        Assert.Equal(RichModel.TensorExtra, RichModel.ReadUnknown(savedProto.Graph.Initializer.Single(t => t.Name == "weight").ToByteArray()));
        var weight = savedProto.Graph.Initializer.Single(t => t.Name == "weight");
        Assert.Equal("tensor doc", weight.DocString);
        Assert.Equal("tensor-value", weight.MetadataProps.Single().Value);

        // Loaded back and embedded again, it is byte for byte the original.
        using (var back = OnnxModel.Load(saved))
        {
            Assert.Equal(original, back.ToByteArray());

            string reembedded = temp.File("again", "model.onnx");
            back.Save(reembedded, new OnnxSaveOptions { ExternalData = ExternalDataMode.Never });
            Assert.Equal(original, File.ReadAllBytes(reembedded));
        }
    }

    [Fact]
    public void UnknownFieldsSurviveAnEmbeddedSave()
    {
        using var temp = new TempFolder("keep-unknown");
        string source = temp.File("source.onnx");
        File.WriteAllBytes(source, RichModel.Bytes());
        string saved = temp.File("saved.onnx");
        using (var model = OnnxModel.Load(source))
        {
            model.Save(saved);
        }

        var savedProto = TestModels.ReadProto(saved);
        Assert.Equal(RichModel.ModelExtra, RichModel.ReadUnknown(File.ReadAllBytes(saved)));
        Assert.Equal(RichModel.NodeExtra, RichModel.ReadUnknown(savedProto.Graph.Node[0].ToByteArray()));
        Assert.Equal(RichModel.TensorExtra, RichModel.ReadUnknown(savedProto.Graph.Initializer.Single(t => t.Name == "weight").ToByteArray()));
    }

    [Fact]
    public void EveryTensorOfTheRichModelDecodesTheSameAfterAnExternalSave()
    {
        using var temp = new TempFolder("keep-values");
        using var model = OnnxModel.Load(new MemoryStream(RichModel.Bytes()));
        var truth = TestModels.Snapshot(model);
        // The walker finds every tensor, wherever it sits: initializers, Constant attributes, sparse
        // initializers, function attributes and bodies, training graphs.
        Assert.Equal(
            RichModel.LargeTensors.Concat(["small_const_value", "learning_rate"]).Order(),
            truth.Select(t => t.Name).Order());
        string saved = temp.File("model.onnx");
        model.Save(saved, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always, ExternalizeThresholdBytes = 0 });
        using var back = OnnxModel.Load(saved);
        Assert.All(TensorWalker.All(back.Proto), s => Assert.Equal(TensorStorage.External, back.StorageOf(s.Tensor)));
        TestModels.AssertSameTensors(truth, TestModels.Snapshot(back));
    }

    [Fact]
    public void SavingLeavesTheModelInMemoryUntouched()
    {
        using var temp = new TempFolder("keep-memory");
        byte[] original = RichModel.Bytes();
        using var model = OnnxModel.Load(new MemoryStream(original));
        var tensorsBefore = TensorWalker.All(model.Proto).Select(s => s.Tensor).ToArray();

        model.Save(temp.File("a", "model.onnx"), new OnnxSaveOptions { ExternalData = ExternalDataMode.Always, ExternalizeThresholdBytes = 0 });
        Assert.Equal(original, model.Proto.ToByteArray());
        model.Save(temp.File("b", "model.onnx"), new OnnxSaveOptions { ExternalData = ExternalDataMode.Never });
        model.Save(new MemoryStream());
        Assert.Equal(original, model.Proto.ToByteArray());

        // The very same tensor objects sit where they sat.
        Assert.Equal(tensorsBefore, TensorWalker.All(model.Proto).Select(s => s.Tensor), ReferenceEqualityComparer.Instance);
    }

    [Fact]
    public void SavingAnExternalModelLeavesItInMemoryUntouched()
    {
        using var temp = new TempFolder("keep-memory-ext");
        string path = temp.File("src", "model.onnx");
        using (var m = OnnxModel.Load(new MemoryStream(RichModel.Bytes())))
        {
            m.Save(path, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        using var model = OnnxModel.Load(path);
        byte[] before = model.Proto.ToByteArray();
        model.Save(temp.File("embedded", "model.onnx"), new OnnxSaveOptions { ExternalData = ExternalDataMode.Never });
        model.Save(temp.File("external", "model.onnx"), new OnnxSaveOptions { ExternalData = ExternalDataMode.Always, ExternalizeThresholdBytes = 0 });
        model.Save(new MemoryStream());
        Assert.Equal(before, model.Proto.ToByteArray());
        Assert.Contains(model.Proto.Graph.Initializer, t => t.DataLocation == TensorProto.Types.DataLocation.External);
    }
}
