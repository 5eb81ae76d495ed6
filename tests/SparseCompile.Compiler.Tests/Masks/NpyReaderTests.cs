using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>.npy files, good and bad, built byte by byte.</summary>
public sealed class NpyReaderTests : IDisposable
{
    private const string Key = "layer.0.weight";
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string Npy(byte[] bytes) => temp.Write(Key + ".npy", bytes);

    private static bool[] Flags(params int[] bits) => bits.Select(b => b != 0).ToArray();

    [Fact]
    public void ReadsFloatsWithNaNAndNegativeZero()
    {
        float[] values = [0f, -0f, 1f, float.NaN, float.Epsilon, -2.5f, float.NegativeInfinity, 0f];
        string path = Npy(NpyBytes.Array("<f4", "(2, 4)", values.SelectMany(BitConverter.GetBytes).ToArray()));
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [2, 4], Flags(0, 0, 1, 1, 1, 1, 1, 0));
    }

    [Theory]
    [InlineData("|b1", new byte[] { 0, 1, 2, 0 }, "0110")]
    [InlineData("|u1", new byte[] { 0, 255, 0, 7 }, "0101")]
    [InlineData("|i1", new byte[] { 0x80, 0, 0, 1 }, "1001")]
    [InlineData("<i2", new byte[] { 0, 0, 0, 0x80 }, "01")]
    [InlineData(">i2", new byte[] { 0, 1, 0, 0 }, "10")]
    [InlineData("<u2", new byte[] { 0, 0, 1, 0 }, "01")]
    [InlineData("<f2", new byte[] { 0, 0x80, 0, 0x3C }, "01")]
    [InlineData(">f2", new byte[] { 0x80, 0, 0x3C, 0 }, "01")]
    [InlineData("<f2", new byte[] { 1, 0x80, 0, 0x7E }, "11")] // -subnormal, NaN
    [InlineData("=f2", new byte[] { 0, 0x80, 0, 0x3C }, "01")]
    [InlineData("<i4", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }, "01")]
    [InlineData("<u4", new byte[] { 0, 0, 0, 0, 1, 0, 0, 0 }, "01")]
    [InlineData("<f4", new byte[] { 0, 0, 0, 0x80, 0, 0, 0xC0, 0x7F }, "01")]
    [InlineData(">f4", new byte[] { 0x80, 0, 0, 0, 0, 0, 0, 1 }, "01")]
    [InlineData("<i8", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x80 }, "1")]
    [InlineData("<u8", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "0")]
    [InlineData("<f8", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x80 }, "0")]
    [InlineData(">f8", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }, "1")]
    public void EveryDtypeAndByteOrderDecides(string descr, byte[] data, string keep)
    {
        string path = Npy(NpyBytes.Array(descr, $"({keep.Length},)", data));
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [keep.Length], keep.Select(c => c == '1').ToArray());
    }

    [Fact]
    public void FortranOrderIsConvertedToCOrder()
    {
        // C order [[1, 0, 0], [1, 1, 0]] is stored column by column: 1 1 | 0 1 | 0 0.
        string path = Npy(NpyBytes.Array("|u1", "(2, 3)", [1, 1, 0, 1, 0, 0], fortranOrder: true));
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [2, 3], Flags(1, 0, 0, 1, 1, 0));
    }

    [Fact]
    public void FortranOrderOfRankOneIsPlain()
    {
        string path = Npy(NpyBytes.Array("|u1", "(3,)", [1, 0, 1], fortranOrder: true));
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [3], Flags(1, 0, 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Versions2And3Read(byte major)
    {
        string path = Npy(NpyBytes.WithHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [0, 9], major));
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [2], Flags(0, 1));
    }

    [Fact]
    public void ZeroDimensionalAndEmptyArraysRead()
    {
        MaskExpect.Mask(MaskFileReader.Read(Npy(NpyBytes.Array("<i4", "()", [0, 0, 1, 0])))[Key], Key, [], Flags(1));
        MaskExpect.Mask(MaskFileReader.Read(Npy(NpyBytes.Array("<f4", "(3, 0, 2)", [])))[Key], Key, [3, 0, 2], []);
    }

    [Fact]
    public void HeaderVariantsNumpyAcceptsRead()
    {
        // Double quotes, no trailing comma, keys in another order, Python 2 long suffix, tabs.
        string dict = "{\"shape\": (2L,\t), 'descr': \"|b1\", 'fortran_order': False}";
        MaskExpect.Mask(MaskFileReader.Read(Npy(NpyBytes.WithHeader(dict, [1, 0])))[Key], Key, [2], Flags(1, 0));
    }

    [Fact]
    public void TruncatedInsideTheHeaderIsSC1102()
    {
        byte[] full = NpyBytes.Array("|u1", "(4,)", [1, 2, 3, 4]);
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(full[..40]), Key);
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(full[..9]), Key);
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(full[..7]), Key);
    }

    [Fact]
    public void TruncatedInsideTheDataIsSC1104()
    {
        byte[] full = NpyBytes.Array("<f4", "(4,)", new byte[16]);
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.MaskDataSizeMismatch, Npy(full[..^3]), Key);
        Assert.Contains("13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingDataIsSC1104()
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.MaskDataSizeMismatch, Npy(NpyBytes.Array("|u1", "(2,)", [1, 2, 3])), Key);
    }

    [Theory]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'X', 1, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x93 })]
    public void BadMagicIsSC1102(byte[] bytes)
    {
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(bytes), Key);
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    public void UnknownVersionIsSC1102(byte major, byte minor)
    {
        byte[] bytes = NpyBytes.Array("|u1", "(1,)", [1]);
        bytes[6] = major;
        bytes[7] = minor;
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(bytes), Key);
        Assert.Contains($"{major}.{minor}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a dict")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), ")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), } extra")]
    [InlineData("{'descr': '|u1', 'fortran_order': False}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'extra': 1}")]
    [InlineData("{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': 0, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': false, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': [1]}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': 1}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (-1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (1.0,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (01,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': ('1',)}")]
    [InlineData("{'descr': 5, 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '|u\\x31', 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1, 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{descr: '|u1', 'fortran_order': False, 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': __import__('os'), 'shape': (1,)}")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': ((((((((((((((((((1,),),),),),),),),),),),),),),),),),),)}")]
    public void HeaderGarbageIsSC1102(string dict)
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(NpyBytes.WithHeader(dict, [1])), Key);
    }

    [Fact]
    public void InvalidUtf8InAVersion3HeaderIsSC1102()
    {
        byte[] bytes = NpyBytes.WithHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", [1], major: 3);
        bytes[12] = 0xFF; // inside 'descr'
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(bytes), Key);
    }

    [Fact]
    public void HeaderLengthBeyondTheFileIsSC1102()
    {
        byte[] bytes = NpyBytes.Array("|u1", "(1,)", [1]);
        bytes[8] = 0xFF;
        bytes[9] = 0xFF;
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedNpyHeader, Npy(bytes), Key);
    }

    [Fact]
    public void HugeVersion2HeaderLengthIsRefusedWithoutAllocating()
    {
        byte[] bytes = NpyBytes.WithHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", [1], major: 2);
        bytes[8] = bytes[9] = bytes[10] = bytes[11] = 0xFF;
        string path = Npy(bytes);
        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);
        Assert.Equal(MaskDiagnosticCodes.MalformedNpyHeader, Assert.IsType<Onnx.Diagnostics.SparseCompileException>(thrown).Code);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("<c8")]
    [InlineData("<c16")]
    [InlineData("|O")]
    [InlineData("O")]
    [InlineData("<U5")]
    [InlineData("|S3")]
    [InlineData("<M8[ns]")]
    [InlineData("|V4")]
    [InlineData("<f16")]
    [InlineData("<f1")]
    [InlineData("|b2")]
    [InlineData("<i3")]
    [InlineData("f4")]
    [InlineData("float32")]
    [InlineData("")]
    public void UnsupportedDtypeIsSC1103(string descr)
    {
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.UnsupportedMaskDtype, Npy(NpyBytes.Array(descr, "(1,)", new byte[8])), Key);
        Assert.Contains($"'{descr}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StructuredDtypeIsSC1103()
    {
        string dict = "{'descr': [('a', '<f4'), ('b', '<i4', (2,))], 'fortran_order': False, 'shape': (1,), }";
        MaskExpect.ReadError(MaskDiagnosticCodes.UnsupportedMaskDtype, Npy(NpyBytes.WithHeader(dict, new byte[12])), Key);
    }

    [Fact]
    public void ShapeLargerThanTheDataIsSC1104WithoutAllocatingIt()
    {
        string path = Npy(NpyBytes.Array("<f4", "(100000000,)", new byte[10]));
        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);

        var e = Assert.IsType<Onnx.Diagnostics.SparseCompileException>(thrown);
        Assert.Equal(MaskDiagnosticCodes.MaskDataSizeMismatch, e.Code);
        Assert.Equal(Key, e.Subject);
        Assert.Contains("400000000", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ShapeWhoseCountOverflowsIsSC1111()
    {
        string path = Npy(NpyBytes.Array("<f4", "(4294967296, 4294967296)", new byte[8]));
        MaskExpect.ReadError(MaskDiagnosticCodes.MaskTooLarge, path, Key);
    }

    [Fact]
    public void ByteCountThatOverflowsIsSC1111()
    {
        string path = Npy(NpyBytes.Array("<f8", "(2305843009213693952,)", new byte[8]));
        MaskExpect.ReadError(MaskDiagnosticCodes.MaskTooLarge, path, Key);
    }

    [Fact]
    public void ZeroDimSkipsTheCountOfOtherDims()
    {
        string path = Npy(NpyBytes.Array("<f8", "(0, 9223372036854775807, 9223372036854775807)", []));
        Assert.Equal(0, MaskFileReader.Read(path)[Key].ElementCount);
    }

    [Fact]
    public void LargeMaskReadsAcrossChunks()
    {
        const int count = 3_000_001;
        var data = new byte[count * 2];
        for (int i = 0; i < count; i++)
        {
            data[(2 * i) + 1] = (byte)(i % 3 == 0 ? 0x80 : i % 3); // -0.0 as f2, or a nonzero high byte
        }

        var mask = MaskFileReader.Read(Npy(NpyBytes.Array("<f2", $"({count},)", data)))[Key];
        for (int i = 0; i < count; i++)
        {
            Assert.True(mask.Keep[i] == (i % 3 != 0), $"flag {i}");
        }

        Assert.Equal(2_000_000, mask.CountKept());
    }

    [Fact]
    public void LargeFortranMaskMatchesAnExplicitTranspose()
    {
        const int rows = 1031, cols = 517;
        var fortran = new byte[rows * cols];
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                fortran[(j * rows) + i] = (byte)((i * 3) + (j * 5)) % 7 == 0 ? (byte)0 : (byte)1;
            }
        }

        var mask = MaskFileReader.Read(Npy(NpyBytes.Array("|u1", $"({rows}, {cols})", fortran, fortranOrder: true)))[Key];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                Assert.True(mask.Keep[(i * cols) + j] == (fortran[(j * rows) + i] != 0), $"[{i}, {j}]");
            }
        }
    }
}
