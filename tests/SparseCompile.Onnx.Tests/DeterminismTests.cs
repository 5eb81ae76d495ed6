using Google.Protobuf;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tests.Support;

namespace SparseCompile.Onnx.Tests;

/// <summary>Saving the same model twice gives byte-identical model and data files.</summary>
public class DeterminismTests
{
    public static TheoryData<string, ExternalDataMode, long> Cases() => new()
    {
        { "rich", ExternalDataMode.Never, 1024 },
        { "rich", ExternalDataMode.Always, 1024 },
        { "rich", ExternalDataMode.Always, 0 },
        { "aligned", ExternalDataMode.Always, 1024 },
        { "aligned", ExternalDataMode.Auto, 1024 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SavingTwiceGivesIdenticalFiles(string which, ExternalDataMode mode, long threshold)
    {
        using var temp = new TempFolder("determinism");
        var options = new OnnxSaveOptions { ExternalData = mode, ExternalizeThresholdBytes = threshold };
        string[] names = mode == ExternalDataMode.Always ? ["model.onnx", "model.onnx.data"] : ["model.onnx"];

        using (var model = OnnxModel.Load(new MemoryStream(Source(which))))
        {
            model.Save(temp.File("first", "model.onnx"), options);
            model.Save(temp.File("second", "model.onnx"), options);
        }

        // A fresh load of the same bytes, saved again over the first.
        using (var model = OnnxModel.Load(new MemoryStream(Source(which))))
        {
            model.Save(temp.File("first", "model.onnx"), options);
        }

        // And the saved model, loaded and saved once more the same way.
        using (var model = OnnxModel.Load(temp.File("second", "model.onnx")))
        {
            model.Save(temp.File("third", "model.onnx"), options);
        }

        foreach (string folder in new[] { "first", "second", "third" })
        {
            Assert.Equal(names, temp.FileNames(temp.File(folder)));
        }

        foreach (string name in names)
        {
            byte[] first = File.ReadAllBytes(temp.File("first", name));
            Assert.Equal(first, File.ReadAllBytes(temp.File("second", name)));
            Assert.Equal(first, File.ReadAllBytes(temp.File("third", name)));
        }
    }

    private static byte[] Source(string which) =>
        which == "rich" ? RichModel.Bytes() : TestModels.Aligned().Proto.ToByteArray();
}
