using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tests;

/// <summary>
/// Rewritten tensors kept in the spill file (what lets a compile rewrite a model larger than memory): they read back
/// exactly, save to both layouts, leave no file behind, and the reserved location cannot be reached from a model file.
/// </summary>
public class SpillTests
{
    [Fact]
    public void LargeRewrittenTensorsWaitOnDiskAndSaveToTheirBytes()
    {
        using var temp = new TempFolder("spill");
        string scratch = temp.Folder("scratch");
        var values = Enumerable.Range(0, 4096).Select(i => (float)Math.Sin(i)).ToArray();
        var small = new float[] { 1, 2, 3 };
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(
            TensorFactory.Create<float>("big", [64, 64], new float[4096]),
            TensorFactory.Create<float>("small", [3], new float[3])));
        model.SpillLargeTensorsTo(scratch, thresholdBytes: 1024);

        var big = model.Graph.FindInitializer("big")!;
        model.SetData(big, TestModels.Bytes(values));
        model.SetData(model.Graph.FindInitializer("small")!, TestModels.Bytes(small));
        var created = model.CreateTensor<sbyte>("q", [8, 256], Enumerable.Range(0, 2048).Select(i => (sbyte)(i % 255 - 127)).ToArray());
        model.Proto.Graph.Initializer.Add(created);
        model.RefreshGraph();

        // The big ones point into the spill file; the small one is raw_data as before.
        Assert.Equal(TensorProto.Types.DataLocation.External, big.DataLocation);
        Assert.False(big.HasRawData);
        Assert.Equal(TensorProto.Types.DataLocation.External, created.DataLocation);
        Assert.True(model.Graph.FindInitializer("small")!.HasRawData);
        Assert.Equal(values, model.ReadInitializer("big").AsSpan<float>().ToArray());
        Assert.Equal(TensorStorage.External, model.StorageOf(big));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Empty(Directory.GetFileSystemEntries(scratch)); // unlinked as soon as it was opened
        }

        // One message (the tensors come inline) and external data (copied out of the spill file) both hold the values.
        using var inline = OnnxModel.Load(new MemoryStream(model.ToByteArray()));
        Assert.Equal(values, inline.ReadInitializer("big").AsSpan<float>().ToArray());
        Assert.Equal(small, inline.ReadInitializer("small").AsSpan<float>().ToArray());
        string path = temp.File("out", "model.onnx");
        model.Save(path, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        using var saved = OnnxModel.Load(path);
        Assert.Equal(values, saved.ReadInitializer("big").AsSpan<float>().ToArray());
        Assert.Equal(model.ReadInitializer("q").Bytes.ToArray(), saved.ReadInitializer("q").Bytes.ToArray());
        Assert.All(TestModels.ReadProto(path).Graph.Initializer.Where(t => t.DataLocation == TensorProto.Types.DataLocation.External),
            t => Assert.Equal("model.onnx.data", TestModels.External(t).Location));
    }

    [Fact]
    public void SetDataRefusesTheWrongByteCount()
    {
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(TensorFactory.Create<float>("w", [2, 2], new float[4])));
        var error = Assert.Throws<ArgumentException>(() => model.SetData(model.Graph.FindInitializer("w")!, new byte[12]));
        Assert.Contains("'w' needs 16 bytes, got 12", error.Message);
    }

    [Fact]
    public void AModelFileCannotNameTheSpillLocation()
    {
        using var temp = new TempFolder("spill-name");
        var tensor = new TensorProto { Name = "w", DataType = (int)DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        tensor.Dims.AddRange([4]);
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "\0spill" });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "0" });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = "16" });
        string path = TestModels.WriteProto(TestModels.WithInitializers(tensor), temp.File("model.onnx"));
        File.WriteAllBytes(temp.File("spill"), new byte[16]);

        var error = Assert.Throws<SparseCompileException>(() => OnnxModel.Load(path));
        Assert.Equal(DiagnosticCodes.ExternalFileMissing, error.Code);
        Assert.Equal("w", error.Subject);
    }

    [Fact]
    public void DroppingMappedPagesKeepsEveryViewValid()
    {
        using var temp = new TempFolder("trim");
        var values = Enumerable.Range(0, 1 << 16).Select(i => (float)i).ToArray();
        string path = temp.File("model.onnx");
        using (var built = OnnxModel.FromProto(TestModels.WithInitializers(TensorFactory.Create<float>("w", [values.Length], values))))
        {
            built.Save(path, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        using var file = new MappedFile(path + ".data");
        var view = file.Slice(0, values.Length * sizeof(float));
        Assert.Equal(values, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(view.Span).ToArray());
        file.Trim();
        Assert.Equal(values, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(view.Span).ToArray());
    }
}
