using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>.npz files built by hand: honest ones, corrupt ones, bombs and liars.</summary>
public sealed class NpzReaderTests : IDisposable
{
    private const string Key = "encoder.layer.0.output.dense.weight";

    // 200 MB of zeros as one .npy entry (a bool mask of 200 M elements), deflated once for all tests.
    private static readonly Lazy<(byte[] Deflated, uint Crc, long Size)> ZeroBomb = new(BuildZeroBomb);

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string Npz(byte[] bytes) => temp.Write("masks.npz", bytes);

    private static byte[] SmallNpy() => NpyBytes.Array("|u1", "(2, 3)", [0, 1, 2, 0, 0, 3]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HonestEntriesRead(bool deflate)
    {
        string path = Npz(new RawZip().Add(Key + ".npy", SmallNpy(), deflate).Add("a/b.c.npy", NpyBytes.Array("<f4", "()", [0, 0, 0, 0x80]), deflate).ToArray());
        var masks = MaskFileReader.Read(path);
        Assert.Equal([Key, "a/b.c"], masks.Keys);
        MaskExpect.Mask(masks[Key], Key, [2, 3], [false, true, true, false, false, true]);
        MaskExpect.Mask(masks["a/b.c"], "a/b.c", [], [false]);
    }

    [Fact]
    public void FolderEntriesAreSkipped()
    {
        string path = Npz(new RawZip().Add("weights/", []).Add("weights/" + Key + ".npy", SmallNpy()).ToArray());
        Assert.Equal(["weights/" + Key], MaskFileReader.Read(path).Keys);
    }

    [Fact]
    public void EmptyZipHasNoMasks()
    {
        Assert.Empty(MaskFileReader.Read(Npz(new RawZip().ToArray())));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 0, 0 })]
    public void NotAZipIsSC1105(byte[] bytes)
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, Npz(bytes));
    }

    [Fact]
    public void TruncatedZipIsSC1105()
    {
        byte[] zip = File.ReadAllBytes(MaskFixtures.File("savez_compressed.npz"));
        MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, Npz(zip[..(zip.Length / 2)]));
    }

    [Fact]
    public void CorruptDeflateDataIsSC1105()
    {
        byte[] garbage = Enumerable.Range(0, 200).Select(i => (byte)(i * 37 + 11)).ToArray();
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Deflated, garbage, 0, 500).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, path, Key);
    }

    [Fact]
    public void UnsupportedCompressionMethodIsSC1105()
    {
        byte[] npy = SmallNpy();
        string path = Npz(new RawZip().AddRaw(Key + ".npy", 12 /* bzip2 */, npy, RawZip.Crc32(npy), npy.Length).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, path, Key);
    }

    [Fact]
    public void CrcMismatchIsSC1105()
    {
        byte[] npy = SmallNpy();
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Stored, npy, RawZip.Crc32(npy) ^ 1, npy.Length).ToArray());
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, path, Key);
        Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryShorterThanDeclaredIsSC1105()
    {
        // Declares 1000 more bytes than the deflate stream produces; the npy header agrees with the declared size.
        byte[] npy = NpyBytes.Array("|u1", "(1006,)", new byte[6]);
        byte[] deflated = RawZip.Deflate(npy);
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Deflated, deflated, RawZip.Crc32(npy), npy.Length + 1000).ToArray());
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, path, Key);
        Assert.Contains("ends after", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryNotNpyIsSC1112()
    {
        string path = Npz(new RawZip().Add(Key + ".npy", SmallNpy()).Add("notes.txt", [1, 2, 3]).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.NpzEntryNotNpy, path, "notes.txt");
    }

    [Fact]
    public void DuplicateEntriesAreSC1108()
    {
        string path = Npz(new RawZip().Add(Key + ".npy", SmallNpy()).Add(Key + ".npy", SmallNpy(), deflate: true).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.DuplicateMaskKey, path, Key);
    }

    [Fact]
    public void BadNpyInsideAnEntryNamesTheKey()
    {
        string path = Npz(new RawZip().Add(Key + ".npy", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, path, Key);
    }

    [Fact]
    public void EntryShapeLargerThanItsSizeIsSC1104WithoutAllocatingIt()
    {
        byte[] npy = NpyBytes.Array("<f4", "(100000000,)", new byte[10]);
        string path = Npz(new RawZip().Add(Key + ".npy", npy, deflate: true).ToArray());
        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);
        Assert.Equal(MaskDiagnosticCodes.MaskDataSizeMismatch, Assert.IsType<SparseCompileException>(thrown).Code);
        Assert.True(allocated < 2_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void EntryOverTheSizeLimitIsSC1106BeforeDecompressing()
    {
        var bomb = ZeroBomb.Value;
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Deflated, bomb.Deflated, bomb.Crc, bomb.Size).ToArray());
        var options = new MaskReadOptions { MaxEntryBytes = 64L << 20 };

        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path, options), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(MaskDiagnosticCodes.ZipEntryTooLarge, e.Code);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(Key, e.Subject);
        Assert.Contains("MaxEntryBytes", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TheDefaultLimitIsFourGiB()
    {
        Assert.Equal(4L << 30, new MaskReadOptions().MaxEntryBytes);
        Assert.Equal(MaskReadOptions.DefaultMaxEntryBytes, MaskReadOptions.Default.MaxEntryBytes);

        byte[] npy = SmallNpy();
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Stored, npy, RawZip.Crc32(npy), (4L << 30) + 1, npy.Length).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.ZipEntryTooLarge, path, Key);
    }

    [Fact]
    public void DeclaredExpansionBeyondDeflateIsSC1106()
    {
        // 2000:1 is more than deflate can produce, whatever the data really holds.
        byte[] npy = NpyBytes.Array("|b1", "(1999872,)", []);
        byte[] deflated = RawZip.Deflate(npy);
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Deflated, deflated, 0, (long)deflated.Length * 2000).ToArray());
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.ZipEntryTooLarge, path, Key);
        Assert.Contains("deflate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompressedSizeBeyondTheFileIsSC1105()
    {
        byte[] npy = SmallNpy();
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Stored, npy, RawZip.Crc32(npy), npy.Length, declaredCompressedSize: 1L << 31).ToArray());
        MaskExpect.ReadError(MaskDiagnosticCodes.CorruptZip, path, Key);
    }

    [Fact]
    public void EntryThatLiesSmallAboutABombDecompressesOnlyWhatItDeclared()
    {
        // The real content is 200 MB (an npy declaring 200 M bools); the headers claim 1,000 bytes.
        var bomb = ZeroBomb.Value;
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Deflated, bomb.Deflated, bomb.Crc, 1000).ToArray());

        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(MaskDiagnosticCodes.MaskDataSizeMismatch, e.Code); // the npy shape needs more than 1,000 bytes
        Assert.Equal(Key, e.Subject);
        Assert.True(allocated < 4_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void EntryWithMoreDataThanDeclaredFailsAfterItsDeclaredSize()
    {
        // A valid 872-element npy followed by 16 MB of zeros; sizes declare only the npy part, the CRC covers it all.
        byte[] npy = NpyBytes.Array("|b1", "(872,)", new byte[872]);
        byte[] content = new byte[npy.Length + (16 << 20)];
        npy.CopyTo(content, 0);
        byte[] deflated = RawZip.Deflate(content);
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Deflated, deflated, RawZip.Crc32(content), npy.Length).ToArray());

        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);

        // .NET stops inflating at the declared size, so the CRC of what arrived fails (SC1105); a runtime
        // that kept inflating would hit the size check instead (SC1106). Either way, no more was read.
        Assert.True(e.Code is MaskDiagnosticCodes.ZipEntryTooLarge or MaskDiagnosticCodes.CorruptZip, $"{e.Code}: {e.Message}");
        Assert.Equal(Key, e.Subject);
        Assert.True(allocated < 4_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void LocalHeaderThatLiesIsIgnoredInFavourOfTheCentralDirectory()
    {
        byte[] npy = SmallNpy();
        string path = Npz(new RawZip().AddRaw(Key + ".npy", RawZip.Stored, npy, RawZip.Crc32(npy), npy.Length, localDeclaredSize: 200L << 20).ToArray());
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [2, 3], [false, true, true, false, false, true]);
    }

    private static (byte[] Deflated, uint Crc, long Size) BuildZeroBomb()
    {
        const int count = 200 << 20;
        byte[] header = NpyBytes.Array("|b1", $"({count},)", []);
        var zeros = new byte[1 << 20];
        var crc = new ZipCrc();
        using var output = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(header);
            crc.Append(header);
            for (int written = 0; written < count; written += zeros.Length)
            {
                deflate.Write(zeros);
                crc.Append(zeros);
            }
        }

        return (output.ToArray(), crc.Value, header.Length + (long)count);
    }
}
