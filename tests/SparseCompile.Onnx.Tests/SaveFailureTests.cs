using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;

namespace SparseCompile.Onnx.Tests;

/// <summary>A save that fails leaves no file behind and does not disturb what was there.</summary>
public class SaveFailureTests
{
    [Theory]
    [InlineData(ExternalDataMode.Never)]
    [InlineData(ExternalDataMode.Always)]
    public void FolderThatIsAFileIsSC1030AndWritesNothing(ExternalDataMode mode)
    {
        using var temp = new TempFolder("save-fail");
        File.WriteAllText(temp.File("blocker"), "a file where a folder should be");
        string path = Path.Combine(temp.Path, "blocker", "model.onnx");
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);

        Expect.Error(DiagnosticCodes.WriteFailed, path, () => model.Save(path, new OnnxSaveOptions { ExternalData = mode }));
        Assert.Equal(["blocker"], temp.FileNames());
        Assert.Equal("a file where a folder should be", File.ReadAllText(temp.File("blocker")));
    }

    [Theory]
    [InlineData(ExternalDataMode.Never)]
    [InlineData(ExternalDataMode.Always)]
    public void ModelPathThatIsAFolderIsSC1030AndWritesNothing(ExternalDataMode mode)
    {
        using var temp = new TempFolder("save-fail");
        string path = temp.Folder("model.onnx");
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);

        Expect.Error(DiagnosticCodes.WriteFailed, path, () => model.Save(path, new OnnxSaveOptions { ExternalData = mode }));
        Assert.Empty(temp.FileNames());
        Assert.Equal([path], Directory.GetFileSystemEntries(temp.Path));
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void DataFilePathThatIsAFolderIsSC1030AndWritesNothing()
    {
        using var temp = new TempFolder("save-fail");
        temp.Folder("model.onnx.data");
        string path = Path.Combine(temp.Path, "model.onnx");
        using var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto);

        Expect.Error(DiagnosticCodes.WriteFailed, path, () => model.Save(path, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always }));
        Assert.Empty(temp.FileNames());
    }

    [Fact]
    public void FailureWhileCopyingExternalDataLeavesTheTargetAsItWas()
    {
        using var temp = new TempFolder("save-fail");
        string source = temp.File("source", "model.onnx");
        using (var m = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto))
        {
            m.Save(source, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        // A model already sits at the target; the failed save must not replace or remove it.
        string target = temp.File("target", "model.onnx");
        File.WriteAllText(target, "previous model");
        File.WriteAllText(target + ".data", "previous data");

        using var model = OnnxModel.Load(source);
        File.Delete(temp.File("source", "model.onnx.data")); // the source's data goes away after loading

        var e = Assert.Throws<SparseCompileException>(() => model.Save(target, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always }));
        Assert.Equal(DiagnosticCodes.ExternalFileMissing, e.Code);
        Assert.Equal(["model.onnx", "model.onnx.data"], temp.FileNames(temp.File("target")));
        Assert.Equal("previous model", File.ReadAllText(target));
        Assert.Equal("previous data", File.ReadAllText(target + ".data"));
    }

    [Fact]
    public void ModelTooLargeForOneProtobufIsSC1031BeforeAnythingIsReadOrWritten()
    {
        using var temp = new TempFolder("save-fail");
        string source = TestModels.GiantExternalModel(temp.Folder("source"));
        using var model = OnnxModel.Load(source);

        long allocated = Expect.Allocations(() => model.ToByteArray(), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(DiagnosticCodes.CannotEmbed, e.Code);
        Assert.Equal(source, e.FilePath);
        Assert.True(allocated < 4 << 20, $"the refused save allocated {allocated} bytes");

        string target = Path.Combine(temp.Path, "target", "model.onnx");
        allocated = Expect.Allocations(() => model.Save(target, new OnnxSaveOptions { ExternalData = ExternalDataMode.Never }), out thrown);
        e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(DiagnosticCodes.CannotEmbed, e.Code);
        Assert.Equal(target, e.FilePath);
        Assert.Contains(target, e.ToDiagnosticLine(), StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"the refused save allocated {allocated} bytes");
        Assert.False(Directory.Exists(Path.GetDirectoryName(target)) && Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(target)!).Any());
    }
}
