using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>.safetensors files built by hand, good and bad.</summary>
public sealed class SafeTensorsReaderTests : IDisposable
{
    private const string Key = "model.layers.0.self_attn.q_proj.weight";
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string File(string json, byte[] data, ulong? declaredLength = null) =>
        temp.Write("masks.safetensors", SafeTensorsBytes.Build(json, data, declaredLength));

    private static string Tensor(string key, string dtype, string shape, long begin, long end) =>
        $"\"{key}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}";

    [Fact]
    public void ReadsTensorsInHeaderOrderWithMetadata()
    {
        string json = "{\"__metadata__\":{\"format\":\"pt\"}," + Tensor("b", "F16", "[2]", 4, 8) + "," + Tensor("a", "BOOL", "[2,2]", 0, 4) + "}";
        byte[] data = [1, 0, 0, 3, 0, 0x80, 0, 0x3C];
        var masks = MaskFileReader.Read(File(json, data));
        Assert.Equal(["b", "a"], masks.Keys);
        MaskExpect.Mask(masks["a"], "a", [2, 2], [true, false, false, true]);
        MaskExpect.Mask(masks["b"], "b", [2], [false, true]);
    }

    [Theory]
    [InlineData("BF16", new byte[] { 0, 0x80, 0x80, 0x3F }, "01")]
    [InlineData("F8_E4M3", new byte[] { 0x80, 0x7F }, "01")]
    [InlineData("F8_E5M2", new byte[] { 0x00, 0x01 }, "01")]
    [InlineData("U16", new byte[] { 0, 0, 0, 1 }, "01")]
    [InlineData("I16", new byte[] { 0, 0x80, 0, 0 }, "10")]
    [InlineData("U32", new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }, "01")]
    [InlineData("I64", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x80 }, "1")]
    [InlineData("U64", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, "0")]
    [InlineData("F64", new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x80 }, "0")]
    public void EveryDtypeDecides(string dtype, byte[] data, string keep)
    {
        string path = File("{" + Tensor(Key, dtype, $"[{keep.Length}]", 0, data.Length) + "}", data);
        MaskExpect.Mask(MaskFileReader.Read(path)[Key], Key, [keep.Length], keep.Select(c => c == '1').ToArray());
    }

    [Fact]
    public void HeaderPaddedWithSpacesReads()
    {
        string path = File("{" + Tensor(Key, "U8", "[1]", 0, 1) + "}     ", [5]);
        Assert.True(MaskFileReader.Read(path)[Key].Keep[0]);
    }

    [Fact]
    public void NoTensorsIsAnEmptySet()
    {
        Assert.Empty(MaskFileReader.Read(File("{\"__metadata__\":{}}", [])));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7 })]
    public void FileShorterThanTheLengthPrefixIsSC1107(byte[] bytes)
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedSafeTensorsHeader, temp.Write("short.safetensors", bytes));
    }

    [Theory]
    [InlineData(1_000_000_000UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(100_000_001UL)]
    public void HeaderLengthBeyondTheFileIsSC1107WithoutAllocating(ulong declared)
    {
        string path = File("{" + Tensor(Key, "U8", "[1]", 0, 1) + "}", [1], declared);
        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(MaskDiagnosticCodes.MalformedSafeTensorsHeader, e.Code);
        Assert.Equal(path, e.FilePath);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\": /* comment */ 1}")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"w\":5}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[1]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"shape\":[1],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"dtype\":8,\"shape\":[1],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":1,\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[1.5],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[\"1\"],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1,2]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1e30]}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1],\"extra\":1}}")]
    [InlineData("{\"w\":{\"dtype\":\"U8\",\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"__metadata__\":[],\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}")]
    [InlineData("{\"__metadata__\":{\"n\":1},\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}")]
    public void MalformedHeaderIsSC1107(string json)
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedSafeTensorsHeader, File(json, [1]));
    }

    [Fact]
    public void InvalidUtf8HeaderIsSC1107()
    {
        byte[] bytes = SafeTensorsBytes.Build("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", [1]);
        bytes[10] = 0xFF;
        MaskExpect.ReadError(MaskDiagnosticCodes.MalformedSafeTensorsHeader, temp.Write("bad.safetensors", bytes));
    }

    [Theory]
    [InlineData("C64")]
    [InlineData("F8_E8M0")]
    [InlineData("F4")]
    [InlineData("bool")]
    [InlineData("")]
    public void UnsupportedDtypeIsSC1103(string dtype)
    {
        string path = File("{" + Tensor(Key, dtype, "[1]", 0, 1) + "}", [1]);
        MaskExpect.ReadError(MaskDiagnosticCodes.UnsupportedMaskDtype, path, Key);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 2)]
    [InlineData(4, 4000000000)]
    public void OffsetsOutsideTheDataAreSC1110(long begin, long end)
    {
        string path = File("{" + Tensor(Key, "U8", $"[{Math.Max(0, end - begin)}]", begin, end) + "}", [1, 2, 3, 4]);
        var e = MaskExpect.ReadError(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, path, Key);
        Assert.Contains($"[{begin}, {end}]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingTensorsAreSC1110()
    {
        string json = "{" + Tensor("a", "U8", "[3]", 0, 3) + "," + Tensor("b", "U8", "[2]", 2, 4) + "}";
        MaskExpect.ReadError(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, File(json, [1, 2, 3, 4]), "b");
    }

    [Fact]
    public void GapBetweenTensorsIsSC1110()
    {
        string json = "{" + Tensor("a", "U8", "[1]", 0, 1) + "," + Tensor("b", "U8", "[2]", 2, 4) + "}";
        MaskExpect.ReadError(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, File(json, [1, 2, 3, 4]), "b");
    }

    [Fact]
    public void DataAfterTheLastTensorIsSC1110()
    {
        MaskExpect.ReadError(MaskDiagnosticCodes.SafeTensorsOffsetsInvalid, File("{" + Tensor(Key, "U8", "[2]", 0, 2) + "}", [1, 2, 3]));
    }

    [Theory]
    [InlineData("F32", "[3]", 8)]
    [InlineData("F16", "[2, 2]", 12)]
    [InlineData("BOOL", "[]", 2)]
    public void SizeMismatchIsSC1104(string dtype, string shape, int bytes)
    {
        string path = File("{" + Tensor(Key, dtype, shape, 0, bytes) + "}", new byte[bytes]);
        MaskExpect.ReadError(MaskDiagnosticCodes.MaskDataSizeMismatch, path, Key);
    }

    [Fact]
    public void HugeShapeIsRefusedWithoutAllocating()
    {
        string path = File("{" + Tensor(Key, "F32", "[100000000]", 0, 10) + "}", new byte[10]);
        long allocated = MaskExpect.Allocations(() => MaskFileReader.Read(path), out var thrown);
        Assert.Equal(MaskDiagnosticCodes.MaskDataSizeMismatch, Assert.IsType<SparseCompileException>(thrown).Code);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ShapeWhoseCountOverflowsIsSC1111()
    {
        string path = File("{" + Tensor(Key, "U8", "[9223372036854775807, 4]", 0, 1) + "}", [1]);
        MaskExpect.ReadError(MaskDiagnosticCodes.MaskTooLarge, path, Key);
    }

    [Fact]
    public void DuplicateKeysAreSC1108()
    {
        string json = "{" + Tensor(Key, "U8", "[1]", 0, 1) + "," + Tensor(Key, "U8", "[1]", 1, 2) + "}";
        MaskExpect.ReadError(MaskDiagnosticCodes.DuplicateMaskKey, File(json, [1, 2]), Key);
    }
}
