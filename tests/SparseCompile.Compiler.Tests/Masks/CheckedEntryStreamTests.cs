using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks.Zip;
using SparseCompile.Compiler.Tests.Masks.Support;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>The stream that enforces a zip entry's declared size and CRC, whatever the decompressor delivers.</summary>
public class CheckedEntryStreamTests
{
    private const string File = "masks.npz";
    private const string Key = "w";

    private static CheckedEntryStream Over(byte[] actual, long declared, uint crc) =>
        new(new MemoryStream(actual), declared, crc, File, Key);

    [Fact]
    public void HonestDataReadsAndVerifies()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        using var stream = Over(data, data.Length, ZipCrc.Of(data));
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(data, copy.ToArray());
        stream.VerifyEnd();
    }

    [Fact]
    public void MoreBytesThanDeclaredIsSC1106()
    {
        byte[] data = new byte[100];
        using var stream = Over(data, 50, ZipCrc.Of(data.AsSpan(0, 50)));
        var buffer = new byte[1000];
        Assert.Equal(50, stream.Read(buffer));

        // The next read finds the 51st byte and fails; it never hands it out.
        MaskExpect.Error(MaskDiagnosticCodes.ZipEntryTooLarge, File, () => _ = stream.Read(buffer), Key);
    }

    [Fact]
    public void FewerBytesThanDeclaredIsSC1105()
    {
        byte[] data = new byte[10];
        using var stream = Over(data, 50, ZipCrc.Of(data));
        MaskExpect.Error(MaskDiagnosticCodes.CorruptZip, File, () => stream.CopyTo(Stream.Null), Key);
    }

    [Fact]
    public void VerifyBeforeTheEndIsSC1105()
    {
        byte[] data = new byte[10];
        using var stream = Over(data, 10, ZipCrc.Of(data));
        Assert.Equal(4, stream.Read(new byte[4]));
        MaskExpect.Error(MaskDiagnosticCodes.CorruptZip, File, stream.VerifyEnd, Key);
    }

    [Fact]
    public void WrongCrcIsSC1105()
    {
        byte[] data = [1, 2, 3];
        using var stream = Over(data, 3, ZipCrc.Of(data) + 1);
        stream.ReadExactly(new byte[3]);
        MaskExpect.Error(MaskDiagnosticCodes.CorruptZip, File, stream.VerifyEnd, Key);
    }

    [Fact]
    public void CrcMatchesTheZipStandard()
    {
        // The check value of CRC-32/ISO-HDLC for "123456789".
        Assert.Equal(0xCBF43926u, ZipCrc.Of("123456789"u8));
        var crc = Crc32.Start();
        crc.Append("1234"u8);
        crc.Append("56789"u8);
        Assert.Equal(0xCBF43926u, crc.Value);
    }

    [Fact]
    public void EightByteStepsAgreeWithByteByByteAtEveryLengthAndSplit()
    {
        var random = new Random(7);
        for (int length = 0; length < 70; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            for (int split = 0; split <= length; split += 3)
            {
                var crc = Crc32.Start();
                crc.Append(data.AsSpan(0, split));
                crc.Append(data.AsSpan(split));
                Assert.Equal(ZipCrc.Of(data), crc.Value);
            }
        }
    }
}
