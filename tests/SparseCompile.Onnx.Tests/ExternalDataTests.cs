using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;

namespace SparseCompile.Onnx.Tests;

/// <summary>Where and how external data is written, when Auto chooses it, and re-saving external models.</summary>
public class ExternalDataTests
{
    private static readonly OnnxSaveOptions Always = new() { ExternalData = ExternalDataMode.Always };

    [Fact]
    public void OffsetsAreAlignedAndTheBytesAreWhereTheEntriesSay()
    {
        using var temp = new TempFolder("ext-align");
        var built = TestModels.Aligned();
        string path = temp.File("model.onnx");
        using (var model = OnnxModel.FromProto(built.Proto.Clone()))
        {
            model.Save(path, Always);
        }

        string dataPath = temp.File("model.onnx.data");
        byte[] data = File.ReadAllBytes(dataPath);
        var saved = TestModels.ReadProto(path);
        var originals = built.Proto.Graph.Initializer.ToDictionary(t => t.Name);
        long end = 0;
        int large = 0;
        foreach (var tensor in saved.Graph.Initializer)
        {
            byte[] expected = originals[tensor.Name].RawData.ToByteArray();
            if (expected.Length < 1024)
            {
                Assert.NotEqual(TensorProto.Types.DataLocation.External, tensor.DataLocation);
                Assert.Equal(expected, tensor.RawData.ToByteArray());
                continue;
            }

            var (location, offset, length) = TestModels.External(tensor);
            Assert.Equal("model.onnx.data", location);
            Assert.Equal(expected.Length, length);
            Assert.True(offset % 64 == 0, $"{tensor.Name} starts at {offset}, not a multiple of 64");
            if (length >= 1 << 20)
            {
                large++;
                Assert.True(offset % 65536 == 0, $"{tensor.Name} ({length} bytes) starts at {offset}, not a multiple of 65536");
            }

            Assert.True(offset >= end, $"{tensor.Name} overlaps the tensor before it");
            end = offset + length;
            Assert.True(data.AsSpan((int)offset, (int)length).SequenceEqual(expected), $"{tensor.Name}: the data file holds other bytes");
            Assert.Empty(tensor.FloatData);
            Assert.False(tensor.HasRawData);
        }

        Assert.Equal(2, large);
        Assert.Equal(end, data.Length); // nothing after the last tensor

        // The padding actually happened: an odd-sized tensor is followed by an aligned one.
        Assert.Contains(saved.Graph.Initializer, t => t.DataLocation == TensorProto.Types.DataLocation.External && TestModels.External(t).Offset % 65536 != 0);

        var expectedOut = OrtRunner.Run(TestModels.WriteProto(built.Proto, temp.File("embedded", "model.onnx")), built.Inputs);
        var actualOut = OrtRunner.Run(path, built.Inputs);
        Expect.Meaningful(expectedOut["y"], "output");
        Expect.BitIdentical(expectedOut["y"], actualOut["y"], "external model output");
    }

    [Fact]
    public void CustomAlignmentAndThresholdAreHonoured()
    {
        using var temp = new TempFolder("ext-custom");
        var built = TestModels.Aligned();
        string path = temp.File("model.onnx");
        using (var model = OnnxModel.FromProto(built.Proto.Clone()))
        {
            model.Save(path, Always with { Alignment = 4096, LargeTensorAlignment = 1 << 20, ExternalizeThresholdBytes = 0 });
        }

        var saved = TestModels.ReadProto(path);
        Assert.All(saved.Graph.Initializer, t =>
        {
            var (_, offset, length) = TestModels.External(t);
            Assert.Equal(0, offset % (length >= 1 << 20 ? 1 << 20 : 4096));
        });
        using var back = OnnxModel.Load(path);
        using var truth = OnnxModel.FromProto(built.Proto);
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(back));
    }

    [Fact]
    public void DataFileLandsNextToTheModelUnderItsNameOrTheGivenOne()
    {
        using var temp = new TempFolder("ext-place");
        var built = TestModels.Dense(13, TensorEncoding.Raw);
        string folder = temp.Folder("out");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder, "net.onnx"));
        using (var model = OnnxModel.FromProto(built.Proto.Clone()))
        {
            model.Save(relative, Always);
            model.Save(Path.Combine(folder, "other.onnx"), Always with { ExternalDataFileName = "weights.bin" });
        }

        Assert.Equal(["net.onnx", "net.onnx.data", "other.onnx", "weights.bin"], temp.FileNames(folder));
        Assert.All(TestModels.ReadProto(Path.Combine(folder, "other.onnx")).Graph.Initializer
            .Where(t => t.DataLocation == TensorProto.Types.DataLocation.External),
            t => Assert.Equal("weights.bin", TestModels.External(t).Location));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "net.onnx.data")), File.ReadAllBytes(Path.Combine(folder, "weights.bin")));
        Assert.Equal(OrtRunner.Run(Path.Combine(folder, "net.onnx"), built.Inputs)["y"], OrtRunner.Run(Path.Combine(folder, "other.onnx"), built.Inputs)["y"]);
    }

    [Theory]
    [InlineData("sub/weights.bin")]
    [InlineData("../weights.bin")]
    [InlineData("..")]
    [InlineData(".")]
    public void ExternalDataFileNameMustBeAPlainName(string name)
    {
        using var temp = new TempFolder("ext-name");
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);
        Assert.Throws<ArgumentException>(() => model.Save(temp.File("model.onnx"), Always with { ExternalDataFileName = name }));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void ExternalDataFileNameCannotBeTheModelFileItself()
    {
        using var temp = new TempFolder("ext-self");
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);
        Assert.Throws<ArgumentException>(() => model.Save(temp.File("model.onnx"), Always with { ExternalDataFileName = "model.onnx" }));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AutoEmbedsASmallModel()
    {
        using var temp = new TempFolder("ext-auto");
        var built = TestModels.Convolutional(13, TensorEncoding.Raw);
        string path = temp.File("model.onnx");
        using (var model = OnnxModel.FromProto(built.Proto.Clone()))
        {
            model.Save(path);
        }

        Assert.Equal(["model.onnx"], temp.FileNames());
        Assert.Equal(built.Proto, TestModels.ReadProto(path));
    }

    [Fact]
    public void AutoExternalizesWhenTheTensorsExceedMaxEmbeddedTensorBytes()
    {
        using var temp = new TempFolder("ext-auto-low");
        var built = TestModels.Convolutional(13, TensorEncoding.Raw);
        long total = built.Proto.Graph.Initializer.Sum(t => (long)t.RawData.Length);
        using var model = OnnxModel.FromProto(built.Proto.Clone());

        // At the limit everything stays embedded; one byte below it, the large tensors go out.
        model.Save(temp.File("at", "model.onnx"), new OnnxSaveOptions { MaxEmbeddedTensorBytes = total });
        Assert.Equal(["model.onnx"], temp.FileNames(temp.File("at")));
        model.Save(temp.File("below", "model.onnx"), new OnnxSaveOptions { MaxEmbeddedTensorBytes = total - 1 });
        Assert.Equal(["model.onnx", "model.onnx.data"], temp.FileNames(temp.File("below")));

        var saved = TestModels.ReadProto(temp.File("below", "model.onnx"));
        Assert.All(saved.Graph.Initializer, t => Assert.Equal(
            t.Dims.Aggregate(4L, (a, d) => a * d) >= 1024,
            t.DataLocation == TensorProto.Types.DataLocation.External));
        Assert.Equal(
            OrtRunner.Run(temp.File("at", "model.onnx"), built.Inputs)["y"],
            OrtRunner.Run(temp.File("below", "model.onnx"), built.Inputs)["y"]);
    }

    [Fact]
    public void NeverModeEmbedsEvenWhenAutoWouldNot()
    {
        using var temp = new TempFolder("ext-never");
        var built = TestModels.Convolutional(13, TensorEncoding.Raw);
        using var model = OnnxModel.FromProto(built.Proto.Clone());
        model.Save(temp.File("model.onnx"), new OnnxSaveOptions { ExternalData = ExternalDataMode.Never, MaxEmbeddedTensorBytes = 0 });
        Assert.Equal(["model.onnx"], temp.FileNames());
        Assert.Equal(built.Proto, TestModels.ReadProto(temp.File("model.onnx")));
    }

    [Fact]
    public void ExternalModelResavesToAnotherFolder()
    {
        using var temp = new TempFolder("ext-move");
        var built = TestModels.Convolutional(17, TensorEncoding.Raw);
        string first = SaveExternal(built, temp.File("a", "model.onnx"));
        byte[] firstData = File.ReadAllBytes(temp.File("a", "model.onnx.data"));
        string second = temp.File("b", "deeper", "copy.onnx");
        using (var model = OnnxModel.Load(first))
        {
            model.Save(second, Always);
        }

        Assert.Equal(["copy.onnx", "copy.onnx.data"], temp.FileNames(temp.File("b", "deeper")));
        Assert.Equal(firstData, File.ReadAllBytes(temp.File("b", "deeper", "copy.onnx.data")));
        Assert.Equal(firstData, File.ReadAllBytes(temp.File("a", "model.onnx.data"))); // the source is untouched

        // The copy stands on its own once the source folder is gone.
        Directory.Delete(temp.File("a"), recursive: true);
        using var copy = OnnxModel.Load(second);
        using var truth = OnnxModel.FromProto(built.Proto);
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(copy));
        var expected = OrtRunner.Run(TestModels.WriteProto(built.Proto, temp.File("c", "model.onnx")), built.Inputs);
        Expect.BitIdentical(expected["y"], OrtRunner.Run(second, built.Inputs)["y"], "copied model output");
    }

    [Fact]
    public void ExternalModelSavedToAStreamEmbedsEverything()
    {
        using var temp = new TempFolder("ext-stream");
        var built = TestModels.Dense(13, TensorEncoding.Raw);
        string path = SaveExternal(built, temp.File("model.onnx"));
        using var model = OnnxModel.Load(path);
        Assert.Contains(model.Proto.Graph.Initializer, t => model.StorageOf(t) == TensorStorage.External);

        using var stream = new MemoryStream();
        model.Save(stream);
        var embedded = ModelProto.Parser.ParseFrom(stream.ToArray());
        Assert.Equal(built.Proto, embedded); // raw_data back in place, no external entries
        Assert.Equal(stream.ToArray(), model.ToByteArray());

        stream.Position = 0;
        using var fromStream = OnnxModel.Load(stream, displayName: "embedded");
        using var truth = OnnxModel.FromProto(built.Proto);
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(fromStream));
    }

    [Fact]
    public void ExternalModelLoadsFromAStreamGivenItsFolder()
    {
        using var temp = new TempFolder("ext-stream-folder");
        var built = TestModels.Dense(13, TensorEncoding.Raw);
        string path = SaveExternal(built, temp.File("model.onnx"));
        using var stream = File.OpenRead(path);
        using var model = OnnxModel.Load(stream, temp.Path, "model from stream");
        using var truth = OnnxModel.FromProto(built.Proto);
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(model));
    }

    [Theory]
    [InlineData(ExternalDataMode.Always)]
    [InlineData(ExternalDataMode.Auto)]
    public void ExternalModelResavesInPlace(ExternalDataMode mode)
    {
        using var temp = new TempFolder("ext-inplace");
        var built = TestModels.Convolutional(13, TensorEncoding.Raw);
        string path = SaveExternal(built, temp.File("model.onnx"));
        using var truth = OnnxModel.FromProto(built.Proto);
        using (var model = OnnxModel.Load(path))
        {
            model.Save(path, new OnnxSaveOptions { ExternalData = mode });

            // The loaded model still reads correctly after its files were replaced.
            TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(model));
        }

        var saved = TestModels.ReadProto(path);
        Assert.Equal(mode == ExternalDataMode.Always, saved.Graph.Initializer.Any(t => t.DataLocation == TensorProto.Types.DataLocation.External));
        Assert.DoesNotContain(temp.FileNames(), n => n.Contains(".tmp", StringComparison.Ordinal));
        using (var back = OnnxModel.Load(path))
        {
            TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(back));
        }

        var expected = OrtRunner.Run(TestModels.WriteProto(built.Proto, temp.File("ref", "model.onnx")), built.Inputs);
        Expect.BitIdentical(expected["y"], OrtRunner.Run(path, built.Inputs)["y"], "in-place model output");
    }

    [Fact]
    public void ModelStaysUsableAfterAnInPlaceSaveChangesTheLayout()
    {
        using var temp = new TempFolder("ext-relayout");
        var built = TestModels.Aligned();
        string path = SaveExternal(built, temp.File("model.onnx"));
        using var truth = OnnxModel.FromProto(built.Proto);
        using var model = OnnxModel.Load(path);

        // A different layout in place: every offset in the data file moves.
        model.Save(path, Always with { ExternalizeThresholdBytes = 0, Alignment = 4096 });
        var rewritten = TestModels.ReadProto(path).Graph.Initializer.Single(t => t.Name == "w_after_large");
        Assert.NotEqual(TestModels.External(model.Graph.FindInitializer("w_after_large")!).Offset, TestModels.External(rewritten).Offset);

        // The model in memory still describes its old layout; whatever it reads or writes must be its own values.
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(model));
        string copy = temp.File("copy", "model.onnx");
        model.Save(copy, Always);
        using var back = OnnxModel.Load(copy);
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(back));
        using var embedded = OnnxModel.Load(new MemoryStream(model.ToByteArray()));
        TestModels.AssertSameTensors(TestModels.Snapshot(truth), TestModels.Snapshot(embedded));
    }

    private static string SaveExternal(BuiltModel built, string path)
    {
        using var model = OnnxModel.FromProto(built.Proto.Clone());
        model.Save(path, Always);
        Assert.Contains(TestModels.ReadProto(path).Graph.Initializer, t => t.DataLocation == TensorProto.Types.DataLocation.External);
        return path;
    }
}
