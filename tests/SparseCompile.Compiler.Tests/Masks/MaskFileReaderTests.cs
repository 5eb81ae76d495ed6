using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>What every format shares: finding the file, choosing the reader, refusing empty files.</summary>
public sealed class MaskFileReaderTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void MissingFileIsSC1100()
    {
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.MaskFileNotFound, temp.File("absent.npz"));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderIsSC1100()
    {
        string folder = Directory.CreateDirectory(temp.File("masks.npz")).FullName;
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.MaskFileNotFound, folder);
        Assert.Contains("folder", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("masks.pt")]
    [InlineData("masks.zip")]
    [InlineData("masks")]
    [InlineData("masks.npz.bak")]
    public void UnknownExtensionIsSC1101(string name)
    {
        string path = temp.Write(name, File.ReadAllBytes(MaskFixtures.File("savez.npz")));
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.UnknownMaskFormat, path);
        Assert.Contains(".safetensors", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty.npz")]
    [InlineData("empty.npy")]
    [InlineData("empty.safetensors")]
    [InlineData("empty.onnx")]
    public void EmptyFileIsSC1109(string name)
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.EmptyMaskFile, temp.Write(name, []));
    }

    [Theory]
    [InlineData("savez.npz", "MASKS.NPZ")]
    [InlineData("bool_mask.npy", "bool_mask.NPY")]
    [InlineData("masks.safetensors", "masks.SafeTensors")]
    public void ExtensionsAreCaseInsensitive(string fixture, string name)
    {
        string path = temp.Write(name, File.ReadAllBytes(MaskFixtures.File(fixture)));
        Assert.NotEmpty(MaskFileReader.Read(path));
    }

    [Fact]
    public void SupportedExtensionsListsTheFourFormats()
    {
        Assert.Equal([".npz", ".npy", ".safetensors", ".onnx"], MaskFileReader.SupportedExtensions);
    }

    [Fact]
    public void RelativePathsAreNamedAsGiven()
    {
        string name = "relative-" + Guid.NewGuid().ToString("N") + ".npy";
        string previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = temp.Path;
            File.WriteAllBytes(name, [1, 2, 3]);
            MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, name);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
