using Google.Protobuf;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tests;

/// <summary>
/// Each kind of bad model gives its own code, names the file and, where one applies, the tensor, and
/// allocates nothing in proportion to what the file merely declares.
/// </summary>
public class BadInputTests
{
    private const long FewMegabytes = 4 << 20;
    private const long Declared = 1_500_000_000;

    [Fact]
    public void MissingFileIsSC1001()
    {
        using var temp = new TempFolder("bad");
        string path = Path.Combine(temp.Path, "nope.onnx");
        var e = Expect.Error(DiagnosticCodes.FileNotFound, path, () => OnnxModel.Load(path));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderInsteadOfFileIsSC1001()
    {
        using var temp = new TempFolder("bad");
        string path = temp.Folder("model.onnx");
        var e = Expect.Error(DiagnosticCodes.FileNotFound, path, () => OnnxModel.Load(path));
        Assert.Contains("folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileIsSC1002()
    {
        using var temp = new TempFolder("bad");
        string path = temp.File("empty.onnx");
        File.WriteAllBytes(path, []);
        Expect.Error(DiagnosticCodes.EmptyFile, path, () => OnnxModel.Load(path));
    }

    [Fact]
    public void EmptyStreamIsSC1002()
    {
        Expect.Error(DiagnosticCodes.EmptyFile, "input.onnx", () => OnnxModel.Load(new MemoryStream(), displayName: "input.onnx"));
        var e = Assert.Throws<SparseCompileException>(() => OnnxModel.Load(new MemoryStream()));
        Assert.Null(e.FilePath);
        Assert.Equal($"error SC1002: <stream>: {e.Message}", e.ToDiagnosticLine());
    }

    [Fact]
    public void RandomBytesAreSC1003()
    {
        using var temp = new TempFolder("bad");
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        string path = temp.File("random.onnx");
        File.WriteAllBytes(path, bytes);
        Expect.Error(DiagnosticCodes.CorruptProtobuf, path, () => OnnxModel.Load(path));
        Expect.Error(DiagnosticCodes.CorruptProtobuf, "random", () => OnnxModel.Load(new MemoryStream(bytes), displayName: "random"));
    }

    [Fact]
    public void TruncatedRealModelIsSC1003()
    {
        using var temp = new TempFolder("bad");
        byte[] whole = File.ReadAllBytes(RealModels.ResNet18Path);
        string path = temp.File("half.onnx");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        Expect.Error(DiagnosticCodes.CorruptProtobuf, path, () => OnnxModel.Load(path));
    }

    public static TheoryData<string, byte[]> AbsurdLengths()
    {
        byte[] ir = Wire.Int(1, 7);
        byte[] name = Wire.Utf8(8, "w");
        byte[] type = Wire.Int(2, (int)DataType.Float);
        byte[] present = new byte[10];
        byte[] Graph(byte[] tensorField) => Wire.Claim(7, Wire.Claim(5, tensorField, Declared), Declared);
        byte[] Tensor(params byte[][] fields) => Wire.Concat([name, type, Wire.Int(1, Declared / 4), .. fields]);
        return new TheoryData<string, byte[]>
        {
            // Every enclosing message declares the bytes too, as a real 1.5 GB file would; only 10 are present.
            { "raw_data", Wire.Concat(ir, Graph(Tensor(Wire.Claim(9, present, Declared - present.Length)))) },
            { "packed float_data", Wire.Concat(ir, Graph(Tensor(Wire.Claim(4, present, Declared - present.Length)))) },
            { "packed dims", Wire.Concat(ir, Graph(Wire.Concat(name, Wire.Claim(1, present, Declared)))) },
            { "string_data", Wire.Concat(ir, Graph(Tensor(Wire.Claim(6, present, Declared)))) },
            { "producer_name", Wire.Concat(ir, Wire.Claim(2, present, Declared)) },
            { "graph", Wire.Concat(ir, Wire.Claim(7, Wire.Utf8(2, "g"), Declared)) },
            { "unknown field 999", Wire.Concat(ir, Wire.Claim(999, present, Declared)) },
            // A length that does not even fit an int.
            { "5 GB length", Wire.Concat(ir, Wire.Claim(7, present, 5_000_000_000)) },
            { "negative length", Wire.Concat(ir, Wire.Varint((7 << 3) | 2), Wire.Varint(ulong.MaxValue), present) },
        };
    }

    [Theory]
    [MemberData(nameof(AbsurdLengths))]
    public void AbsurdDeclaredLengthsAreSC1003WithoutAllocatingThem(string what, byte[] bytes)
    {
        Assert.True(bytes.Length < 200, $"{what}: the file is {bytes.Length} bytes");
        using var temp = new TempFolder("bad");
        string path = temp.File("absurd.onnx");
        File.WriteAllBytes(path, bytes);

        long allocated = Expect.Allocations(() => OnnxModel.Load(path), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(DiagnosticCodes.CorruptProtobuf, e.Code);
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.ToDiagnosticLine(), StringComparison.Ordinal);
        Assert.True(allocated < FewMegabytes, $"{what}: loading allocated {allocated} bytes");

        allocated = Expect.Allocations(() => OnnxModel.Load(new MemoryStream(bytes), displayName: "absurd"), out thrown);
        Assert.Equal(DiagnosticCodes.CorruptProtobuf, Assert.IsType<SparseCompileException>(thrown).Code);
        Assert.True(allocated < FewMegabytes, $"{what}: loading from a stream allocated {allocated} bytes");
    }

    public static TheoryData<string, byte[]> NotModels() => new()
    {
        { "a graph", new GraphProto { Name = "g", Node = { new NodeProto { OpType = "Relu", Input = { "x" }, Output = { "y" } } } }.ToByteArray() },
        { "a node", new NodeProto { OpType = "Relu", Name = "n", Input = { "x" }, Output = { "y" } }.ToByteArray() },
        { "no graph", new ModelProto { IrVersion = 7, ProducerName = "p" }.ToByteArray() },
        { "no IR version", new ModelProto { Graph = new GraphProto { Name = "g" } }.ToByteArray() },
    };

    [Theory]
    [MemberData(nameof(NotModels))]
    public void ValidProtobufThatIsNotAModelIsSC1004(string what, byte[] bytes)
    {
        Assert.NotEmpty(bytes);
        using var temp = new TempFolder("bad");
        string path = temp.File("other.onnx");
        File.WriteAllBytes(path, bytes);
        var e = Expect.Error(DiagnosticCodes.NotAModel, path, () => OnnxModel.Load(path));
        Assert.True(e.Message.Contains("no graph", StringComparison.Ordinal) || e.Message.Contains("no IR version", StringComparison.Ordinal), what);
    }

    [Fact]
    public void FileOver2GBIsSC1005WithoutReadingIt()
    {
        using var temp = new TempFolder("bad");
        string path = temp.File("huge.onnx");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(3L << 30); // sparse: costs no disk
        }

        long allocated = Expect.Allocations(() => OnnxModel.Load(path), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.Equal(DiagnosticCodes.ModelFileTooLarge, e.Code);
        Assert.Equal(path, e.FilePath);
        Assert.True(allocated < FewMegabytes, $"allocated {allocated} bytes");
    }

    public static TheoryData<string, TensorProto> SizeMismatches()
    {
        var shortRaw = new TensorProto { Name = "short_raw", DataType = (int)DataType.Float, Dims = { 4 }, RawData = ByteString.CopyFrom(new byte[12]) };
        var longRaw = new TensorProto { Name = "long_raw", DataType = (int)DataType.Int64, Dims = { 2 }, RawData = ByteString.CopyFrom(new byte[17]) };
        var fewTyped = new TensorProto { Name = "few_typed", DataType = (int)DataType.Float, Dims = { 4 }, FloatData = { 1f, 2f, 3f } };
        var manyTyped = new TensorProto { Name = "many_typed", DataType = (int)DataType.Int32, Dims = { 2, 2 }, Int32Data = { 1, 2, 3, 4, 5 } };
        var wrongField = new TensorProto { Name = "wrong_field", DataType = (int)DataType.Float, Dims = { 2 }, Int64Data = { 1, 2 } };
        var missing = new TensorProto { Name = "no_data", DataType = (int)DataType.Float, Dims = { 3, 3 } };
        var hugeDims = new TensorProto { Name = "huge_dims", DataType = (int)DataType.Float, Dims = { 1_000_000, 1_000_000 }, FloatData = { 1f, 2f, 3f } };
        var stringRaw = new TensorProto { Name = "string_raw", DataType = (int)DataType.String, Dims = { 1 }, RawData = ByteString.CopyFromUtf8("abc") };
        var fewStrings = new TensorProto { Name = "few_strings", DataType = (int)DataType.String, Dims = { 3 }, StringData = { ByteString.CopyFromUtf8("a") } };
        return new()
        {
            { "raw_data too short", shortRaw },
            { "raw_data too long", longRaw },
            { "too few typed values", fewTyped },
            { "too many typed values", manyTyped },
            { "values in a field the type cannot use", wrongField },
            { "no data at all", missing },
            { "dims declaring a trillion elements", hugeDims },
            { "STRING in raw_data", stringRaw },
            { "too few strings", fewStrings },
        };
    }

    [Theory]
    [MemberData(nameof(SizeMismatches))]
    public void TensorSizeMismatchesAreSC1020(string what, TensorProto tensor)
    {
        Assert.NotNull(what);
        AssertLoadFails(tensor, DiagnosticCodes.TensorSizeMismatch);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(-1)]
    public void UnknownDataTypeIsSC1021(int dataType)
    {
        var tensor = new TensorProto { Name = "mystery", DataType = dataType, Dims = { 2 }, RawData = ByteString.CopyFrom(new byte[8]) };
        AssertLoadFails(tensor, DiagnosticCodes.UnsupportedElementType);
    }

    [Theory]
    [InlineData(new long[] { -1 })]
    [InlineData(new long[] { 4, -2 })]
    [InlineData(new long[] { long.MinValue })]
    [InlineData(new long[] { 1L << 40, 1L << 40 })]
    [InlineData(new long[] { long.MaxValue, 2 })]
    [InlineData(new long[] { 1L << 58 })] // fits a long, but its FLOAT byte count does not
    [InlineData(new long[] { 1L << 31, 1L << 27 })]
    public void NegativeOrOverflowingDimsAreSC1022(long[] dims)
    {
        var tensor = new TensorProto { Name = "bad_dims", DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(new byte[8]) };
        tensor.Dims.AddRange(dims);
        AssertLoadFails(tensor, DiagnosticCodes.InvalidDims);

        var complex = new TensorProto { Name = "bad_dims", DataType = (int)DataType.Complex128, FloatData = { 1f } };
        complex.Dims.AddRange(dims);
        AssertLoadFails(complex, DiagnosticCodes.InvalidDims);
    }

    [Fact]
    public void UnknownInitializerNameIsSC1041()
    {
        using var temp = new TempFolder("bad");
        string path = TestModels.WriteProto(TestModels.Dense(13, TensorEncoding.Raw).Proto, temp.File("model.onnx"));
        using var model = OnnxModel.Load(path);
        Expect.Error(DiagnosticCodes.UnknownName, path, () => model.ReadInitializer("not_there"), "not_there");
    }

    [Fact]
    public void SingleExternalTensorOver2GBIsSC1023WhenViewedWhole()
    {
        using var temp = new TempFolder("bad");
        const long elements = (1L << 29) + 16;
        string path = TestModels.GiantExternalModel(temp.Path);

        using var model = OnnxModel.Load(path);
        Assert.Equal(TensorStorage.External, model.StorageOf(model.Proto.Graph.Initializer[0]));
        Assert.Equal(elements * 4, model.ByteCountOf(model.Proto.Graph.Initializer[0]));
        Expect.Error(DiagnosticCodes.TensorTooLargeForSpan, path, () => model.ReadInitializer("giant"), "giant");
    }

    private static void AssertLoadFails(TensorProto tensor, string code)
    {
        using var temp = new TempFolder("bad");
        var builder = new OnnxBuilder(13);
        string x = builder.Input("x", DataType.Float, 2);
        builder.Return(builder.Relu(x), "y", DataType.Float, 2);
        var proto = builder.Build();
        proto.Graph.Initializer.Add(TensorFactory.Create<float>("fine", [2], [1f, 2f]));
        proto.Graph.Initializer.Add(tensor);
        string path = TestModels.WriteProto(proto, temp.File("model.onnx"));

        long allocated = Expect.Allocations(() => OnnxModel.Load(path), out var thrown);
        var e = Assert.IsType<SparseCompileException>(thrown);
        Assert.True(code == e.Code, $"expected {code}, got {e.Code}: {e.Message}");
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.ToDiagnosticLine(), StringComparison.Ordinal);
        Assert.Equal(tensor.Name, e.Subject);
        Assert.Contains($"'{tensor.Name}'", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < FewMegabytes, $"loading allocated {allocated} bytes");

        // The same model in memory fails the same way.
        var again = Assert.Throws<SparseCompileException>(() => OnnxModel.FromProto(proto));
        Assert.Equal(code, again.Code);
        Assert.Equal(tensor.Name, again.Subject);
    }
}
