using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Fuzzing;
using SparseCompile.Onnx.Diagnostics;
using Xunit;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Compiler.Tests.Fuzzing;

/// <summary>
/// The crashes AFL++ found (build/fuzz.sh, issue 7), each pinned to the code it must now fail with. The inputs are the
/// crash-* files of tests/fuzz-corpora, which <see cref="CorpusReplayTests"/> also replays.
/// </summary>
public sealed class FuzzRegressionTests
{
    // A zip whose end-of-central-directory record counts two entries while the central directory holds fewer:
    // ZipArchive's constructor accepts it and throws InvalidDataException only when Entries is first read.
    private static string CentralDirectoryCount => Path.Combine(CorpusReplay.Folder("npz"), "crash-central-directory-count.npz");

    [Fact]
    public void NpzMaskWithMiscountedCentralDirectoryIsACorruptZip()
    {
        var error = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(CentralDirectoryCount));
        Assert.Equal(MaskDiagnosticCodes.CorruptZip, error.Code);
        Assert.Contains("not a readable zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NpzSampleWithMiscountedCentralDirectoryIsMalformed()
    {
        var error = Assert.Throws<SparseCompileException>(() => NpzSampleReader.Read(CentralDirectoryCount, [new InputSpec("x", DataType.Float, null)]));
        Assert.Equal(EvaluationDiagnosticCodes.MalformedSample, error.Code);
        Assert.Contains("not a readable zip", error.Message, StringComparison.Ordinal);
    }

    // An .onnx mask file whose initializer has no name: MaskTensor's constructor threw ArgumentException.
    [Theory]
    [InlineData("crash-unnamed-initializer.onnx")]
    [InlineData("crash-unnamed-initializer-2.onnx")]
    public void OnnxMaskWithUnnamedInitializerIsAnEmptyKey(string file)
    {
        var error = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(Path.Combine(CorpusReplay.Folder("onnxmask"), file)));
        Assert.Equal(MaskDiagnosticCodes.EmptyMaskKey, error.Code);
    }

    // The same empty key reached through the other formats (the ONNX crash, generalized).
    [Fact]
    public void NpzEntryNamedJustNpyIsAnEmptyKey()
    {
        var npz = Path.Combine(CorpusReplay.Folder("npz"), "crash-empty-key.npz");
        var error = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(npz));
        Assert.Equal(MaskDiagnosticCodes.EmptyMaskKey, error.Code);
    }

    [Fact]
    public void SafeTensorsEmptyKeyIsAnEmptyKey()
    {
        var file = Path.Combine(CorpusReplay.Folder("safetensors"), "crash-empty-key.safetensors");
        var error = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(file));
        Assert.Equal(MaskDiagnosticCodes.EmptyMaskKey, error.Code);
    }

    [Fact]
    public void NpyFileNamedJustNpyIsAnEmptyKey()
    {
        string folder = Directory.CreateTempSubdirectory("sc-fuzz-npy-").FullName;
        try
        {
            string path = Path.Combine(folder, ".npy");
            File.Copy(Path.Combine(CorpusReplay.Folder("npy"), "seed-b1.npy"), path);
            var error = Assert.Throws<SparseCompileException>(() => MaskFileReader.Read(path));
            Assert.Equal(MaskDiagnosticCodes.EmptyMaskKey, error.Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
