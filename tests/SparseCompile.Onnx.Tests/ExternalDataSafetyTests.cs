using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;

namespace SparseCompile.Onnx.Tests;

/// <summary>
/// External data entries that are missing, malformed, out of range or that try to leave the model's
/// folder: each is refused with its own code, naming the model file and the tensor.
/// </summary>
public sealed class ExternalDataSafetyTests : IDisposable
{
    private readonly TempFolder temp = new("ext-safety");
    private readonly string folder;
    private readonly string modelPath;
    private readonly string tensorName;
    private readonly long dataLength;

    public ExternalDataSafetyTests()
    {
        folder = temp.Folder("model");
        modelPath = Path.Combine(folder, "model.onnx");
        using (var model = OnnxModel.FromProto(TestModels.Dense(13, TensorEncoding.Raw).Proto))
        {
            model.Save(modelPath, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        tensorName = TestModels.ReadProto(modelPath).Graph.Initializer.First(t => t.DataLocation == TensorProto.Types.DataLocation.External).Name;
        dataLength = new FileInfo(Path.Combine(folder, "model.onnx.data")).Length;
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TheUntouchedModelLoads()
    {
        using var model = OnnxModel.Load(modelPath);
        Assert.Equal(TensorStorage.External, model.StorageOf(model.Graph.FindInitializer(tensorName)!));
        Assert.Equal(model.ByteCountOf(model.Graph.FindInitializer(tensorName)!), model.ReadInitializer(tensorName).Bytes.Length);
    }

    [Fact]
    public void MissingDataFileIsSC1010()
    {
        File.Delete(Path.Combine(folder, "model.onnx.data"));
        Fails(DiagnosticCodes.ExternalFileMissing);
    }

    [Fact]
    public void LocationNamingAnotherMissingFileIsSC1010()
    {
        SetEntry("location", "elsewhere.data");
        Fails(DiagnosticCodes.ExternalFileMissing);
    }

    [Theory]
    [InlineData("../model.onnx.data")]
    [InlineData("..\\model.onnx.data")]
    [InlineData("sub/../../model.onnx.data")]
    [InlineData("sub/../model.onnx.data")] // would stay inside, but ".." is refused outright
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\x.data")]
    [InlineData("C:\\data\\x.data")]
    public void LocationLeavingTheFolderIsSC1011(string location)
    {
        // Make the escape target exist, so it is the path rule and not a missing file that stops it.
        File.Copy(Path.Combine(folder, "model.onnx.data"), Path.Combine(temp.Path, "model.onnx.data"));
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        SetEntry("location", location);
        var e = Fails(DiagnosticCodes.ExternalPathOutsideModelFolder);
        Assert.Contains(location, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsolutePathInsideTheFolderIsStillSC1011()
    {
        SetEntry("location", Path.Combine(folder, "model.onnx.data"));
        Fails(DiagnosticCodes.ExternalPathOutsideModelFolder);
    }

    [Fact]
    public void SymlinkToAFileOutsideIsSC1011()
    {
        string outside = Path.Combine(temp.Folder("outside"), "secret.data");
        File.Copy(Path.Combine(folder, "model.onnx.data"), outside);
        File.CreateSymbolicLink(Path.Combine(folder, "link.data"), outside);
        SetEntry("location", "link.data");
        Fails(DiagnosticCodes.ExternalPathOutsideModelFolder);
    }

    [Fact]
    public void RelativeSymlinkClimbingOutIsSC1011()
    {
        File.Copy(Path.Combine(folder, "model.onnx.data"), Path.Combine(temp.Path, "up.data"));
        File.CreateSymbolicLink(Path.Combine(folder, "link.data"), "../up.data");
        SetEntry("location", "link.data");
        Fails(DiagnosticCodes.ExternalPathOutsideModelFolder);
    }

    [Fact]
    public void SymlinkedFolderLeadingOutsideIsSC1011()
    {
        string outside = temp.Folder("outside");
        File.Copy(Path.Combine(folder, "model.onnx.data"), Path.Combine(outside, "weights.data"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "weights"), outside);
        SetEntry("location", "weights/weights.data");
        Fails(DiagnosticCodes.ExternalPathOutsideModelFolder);
    }

    [Fact]
    public void ChainOfSymlinksEndingOutsideIsSC1011()
    {
        string outside = Path.Combine(temp.Folder("outside"), "secret.data");
        File.Copy(Path.Combine(folder, "model.onnx.data"), outside);
        File.CreateSymbolicLink(Path.Combine(folder, "second.data"), outside);
        File.CreateSymbolicLink(Path.Combine(folder, "first.data"), "second.data");
        SetEntry("location", "first.data");
        Fails(DiagnosticCodes.ExternalPathOutsideModelFolder);
    }

    [Fact]
    public void SymlinksThatStayInsideWork()
    {
        using var truth = OnnxModel.Load(modelPath);
        byte[] expected = truth.ReadInitializer(tensorName).Bytes.ToArray();

        string sub = Directory.CreateDirectory(Path.Combine(folder, "store")).FullName;
        File.Move(Path.Combine(folder, "model.onnx.data"), Path.Combine(sub, "real.data"));
        File.CreateSymbolicLink(Path.Combine(folder, "model.onnx.data"), "store/real.data"); // the other tensors use this one
        File.CreateSymbolicLink(Path.Combine(folder, "absolute.data"), Path.Combine(sub, "real.data"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "alias"), sub);
        foreach (string location in new[] { "absolute.data", "alias/real.data", "./store/real.data", "store\\real.data" })
        {
            SetEntry("location", location);
            using var model = OnnxModel.Load(modelPath);
            Assert.Equal(expected, model.ReadInitializer(tensorName).Bytes.ToArray());
        }
    }

    [Fact]
    public void ModelReachedThroughASymlinkedFolderStillLoads()
    {
        string alias = Path.Combine(temp.Path, "alias");
        Directory.CreateSymbolicLink(alias, folder);
        using var model = OnnxModel.Load(Path.Combine(alias, "model.onnx"));
        Assert.Equal(TensorStorage.External, model.StorageOf(model.Graph.FindInitializer(tensorName)!));
    }

    [Theory]
    [InlineData(0, 1)]        // the length runs one byte past the end
    [InlineData(1, 0)]        // the offset alone is past the end
    [InlineData(64, 0)]
    public void RangePastTheEndIsSC1012(long offsetPastEnd, long lengthPastEnd)
    {
        using (var model = OnnxModel.Load(modelPath))
        {
            long bytes = model.ByteCountOf(model.Graph.FindInitializer(tensorName)!);
            long offset = offsetPastEnd > 0 ? dataLength + offsetPastEnd : dataLength - bytes + lengthPastEnd;
            SetEntry("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Fails(DiagnosticCodes.ExternalRangeOutsideFile);
    }

    [Fact]
    public void TruncatedDataFileIsSC1012()
    {
        using (var data = new FileStream(Path.Combine(folder, "model.onnx.data"), FileMode.Open))
        {
            data.SetLength(data.Length - 1);
        }

        var e = Assert.Throws<SparseCompileException>(() => OnnxModel.Load(modelPath));
        Assert.Equal(DiagnosticCodes.ExternalRangeOutsideFile, e.Code);
        Assert.Equal(modelPath, e.FilePath);
    }

    [Fact]
    public void HugeOffsetIsSC1012()
    {
        SetEntry("offset", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Fails(DiagnosticCodes.ExternalRangeOutsideFile);
        SetEntry("offset", (long.MaxValue - 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Fails(DiagnosticCodes.ExternalRangeOutsideFile);
    }

    [Theory]
    [InlineData("offset", "abc")]
    [InlineData("offset", "-64")]
    [InlineData("offset", "")]
    [InlineData("offset", " 64")]
    [InlineData("offset", "1e3")]
    [InlineData("offset", "99999999999999999999")]
    [InlineData("length", "12.5")]
    [InlineData("length", "-1")]
    public void MalformedNumberIsSC1013(string key, string value)
    {
        SetEntry(key, value);
        Fails(DiagnosticCodes.ExternalDataMalformed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void MissingLocationIsSC1013(string? location)
    {
        Mutate(t =>
        {
            var entry = t.ExternalData.Single(e => e.Key == "location");
            if (location is null)
            {
                t.ExternalData.Remove(entry);
            }
            else
            {
                entry.Value = location;
            }
        });
        Fails(DiagnosticCodes.ExternalDataMalformed);
    }

    [Fact]
    public void DeclaredLengthDifferentFromTheDimsIsSC1020()
    {
        using (var model = OnnxModel.Load(modelPath))
        {
            long bytes = model.ByteCountOf(model.Graph.FindInitializer(tensorName)!);
            SetEntry("length", (bytes - 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Fails(DiagnosticCodes.TensorSizeMismatch);
    }

    [Fact]
    public void ExternalStringTensorIsSC1020()
    {
        Mutate(t =>
        {
            t.DataType = (int)TensorProto.Types.DataType.String;
            t.Dims.Clear();
            t.Dims.Add(1);
        });
        Fails(DiagnosticCodes.TensorSizeMismatch);
    }

    [Fact]
    public void StreamWithoutFolderIsSC1014()
    {
        using var stream = File.OpenRead(modelPath);
        Expect.Error(DiagnosticCodes.ExternalDataWithoutFolder, "from a pipe", () => OnnxModel.Load(stream, displayName: "from a pipe"), tensorName);
        Expect.Error(DiagnosticCodes.ExternalDataWithoutFolder, null, () => OnnxModel.FromProto(TestModels.ReadProto(modelPath)), tensorName);
    }

    [Fact]
    public void StreamWithTheWrongFolderIsSC1010()
    {
        using var stream = File.OpenRead(modelPath);
        Expect.Error(DiagnosticCodes.ExternalFileMissing, "m", () => OnnxModel.Load(stream, temp.Folder("empty"), "m"), tensorName);
    }

    private SparseCompileException Fails(string code) => Expect.Error(code, modelPath, () => OnnxModel.Load(modelPath), tensorName);

    private void SetEntry(string key, string value) => Mutate(t =>
    {
        var entry = t.ExternalData.FirstOrDefault(e => e.Key == key);
        if (entry is null)
        {
            t.ExternalData.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        else
        {
            entry.Value = value;
        }
    });

    private void Mutate(Action<TensorProto> change)
    {
        var proto = TestModels.ReadProto(modelPath);
        change(proto.Graph.Initializer.Single(t => t.Name == tensorName));
        TestModels.WriteProto(proto, modelPath);
    }
}
