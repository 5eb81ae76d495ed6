using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SparseCompile.Onnx.Diagnostics;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Protos;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Onnx.Tests.Support;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Onnx.Tests;

/// <summary>
/// Every element type in raw_data and in its typed field (written by hand per the ONNX rules, and by
/// <see cref="TensorFactory"/>) decodes to the same packed little-endian bytes; typed views and float conversion.
/// </summary>
public class ElementTypeTests
{
    [Fact]
    public void Float32() => Check(
        [1.5f, -0f, float.MaxValue, float.Epsilon, float.NegativeInfinity, -3.25e-20f],
        DataType.Float, TypedField.FloatData,
        new[] { 1.5f, -0f, float.MaxValue, float.Epsilon, float.NegativeInfinity, -3.25e-20f },
        [1.5f, -0f, float.MaxValue, float.Epsilon, float.NegativeInfinity, -3.25e-20f]);

    [Fact]
    public void Float16() => Check(
        [(Half)1, (Half)(-2.5f), Half.MaxValue, Half.Epsilon, Half.NegativeZero],
        DataType.Float16, TypedField.Int32Data,
        // The bit patterns, zero-extended: -2.5 is 0xC100, stored as 49408, not as a negative number.
        new[] { 0x3C00, 0xC100, 0x7BFF, 0x0001, 0x8000 },
        [1f, -2.5f, 65504f, 5.9604645E-08f, -0f]);

    [Fact]
    public void BFloat16Values() => Check(
        [BFloat16.FromSingle(1f), BFloat16.FromSingle(-2f), BFloat16.FromSingle(3.140625f), new BFloat16(0xFF80)],
        DataType.Bfloat16, TypedField.Int32Data,
        new[] { 0x3F80, 0xC000, 0x4049, 0xFF80 },
        [1f, -2f, 3.140625f, float.NegativeInfinity]);

    [Fact]
    public void Float64() => Check(
        [Math.PI, -0.0, double.MaxValue, 1e-300],
        DataType.Double, TypedField.DoubleData,
        new[] { Math.PI, -0.0, double.MaxValue, 1e-300 },
        [(float)Math.PI, -0f, float.PositiveInfinity, 0f]);

    [Fact]
    public void Int8() => Check(
        new sbyte[] { -1, -128, 127, 0, 5 },
        DataType.Int8, TypedField.Int32Data,
        // ONNX keeps the sign: INT8 -1 is the int32 -1 (0xFFFFFFFF), not 255.
        new[] { -1, -128, 127, 0, 5 },
        [-1f, -128f, 127f, 0f, 5f]);

    [Fact]
    public void UInt8() => Check(
        new byte[] { 0, 255, 128, 7 },
        DataType.Uint8, TypedField.Int32Data,
        new[] { 0, 255, 128, 7 },
        [0f, 255f, 128f, 7f]);

    [Fact]
    public void Int16() => Check(
        new short[] { -1, short.MinValue, short.MaxValue, 300 },
        DataType.Int16, TypedField.Int32Data,
        new[] { -1, -32768, 32767, 300 },
        [-1f, -32768f, 32767f, 300f]);

    [Fact]
    public void UInt16() => Check(
        new ushort[] { 65535, 0x8000, 0, 1 },
        DataType.Uint16, TypedField.Int32Data,
        new[] { 65535, 32768, 0, 1 },
        [65535f, 32768f, 0f, 1f]);

    [Fact]
    public void Int32() => Check(
        [-1, int.MinValue, int.MaxValue, 0],
        DataType.Int32, TypedField.Int32Data,
        new[] { -1, int.MinValue, int.MaxValue, 0 },
        [-1f, int.MinValue, int.MaxValue, 0f]);

    [Fact]
    public void UInt32() => Check(
        [uint.MaxValue, 0x80000000u, 0u, 42u],
        DataType.Uint32, TypedField.UInt64Data,
        // UINT32 lives in uint64_data, widened.
        new[] { 4294967295UL, 2147483648UL, 0UL, 42UL },
        [4294967295f, 2147483648f, 0f, 42f]);

    [Fact]
    public void Int64() => Check(
        [long.MinValue, -1L, long.MaxValue, 1234567890123L],
        DataType.Int64, TypedField.Int64Data,
        new[] { long.MinValue, -1L, long.MaxValue, 1234567890123L },
        [long.MinValue, -1f, long.MaxValue, 1234567890123f]);

    [Fact]
    public void UInt64() => Check(
        [ulong.MaxValue, 1UL << 63, 0UL, 99UL],
        DataType.Uint64, TypedField.UInt64Data,
        new[] { ulong.MaxValue, 1UL << 63, 0UL, 99UL },
        [ulong.MaxValue, 9.223372E+18f, 0f, 99f]);

    [Fact]
    public void Bool() => Check(
        [true, false, true, true],
        DataType.Bool, TypedField.Int32Data,
        new[] { 1, 0, 1, 1 },
        [1f, 0f, 1f, 1f]);

    [Fact]
    public void Int4PacksTwoPerByteAndOnePackedBytePerInt32Entry()
    {
        // Elements 1, 2, -1, -8, 7: low nibble first, the odd last element padded with a zero nibble.
        byte[] packed = [0x21, 0x8F, 0x07];
        CheckPacked(DataType.Int4, [5], packed, [0x21, 0x8F, 0x07]);
    }

    [Fact]
    public void UInt4PacksTwoPerByte()
    {
        // Elements 15, 0, 9, 3.
        CheckPacked(DataType.Uint4, [2, 2], [0x0F, 0x39], [0x0F, 0x39]);
    }

    [Theory]
    [InlineData(DataType.Float8E4M3Fn)]
    [InlineData(DataType.Float8E5M2)]
    public void Float8KeepsBitPatternsOnePerInt32Entry(DataType type)
    {
        // For E4M3FN: 1.0, -1.0, 448, 0, -0. Bit patterns are stored zero-extended (0xB8 is 184).
        CheckPacked(type, [5], [0x38, 0xB8, 0x7E, 0x00, 0x80], [0x38, 0xB8, 0x7E, 0x00, 0x80]);
    }

    [Fact]
    public void Int4WithOneInt32EntryPerElementIsASizeMismatch()
    {
        var tensor = new TensorProto { Name = "nibbles", DataType = (int)DataType.Int4 };
        tensor.Dims.Add(4);
        tensor.Int32Data.AddRange([1, 2, 3, 4]); // four entries: the packing rule wants two
        Expect.Error(DiagnosticCodes.TensorSizeMismatch, null, () => OnnxModel.FromProto(TestModels.WithInitializers(tensor)), "nibbles");
    }

    [Fact]
    public void Complex64UsesTwoFloatEntriesPerElement()
    {
        float[] parts = [1f, -2f, 0.5f, 4f];
        var typed = new TensorProto { Name = "c", DataType = (int)DataType.Complex64 };
        typed.Dims.Add(2);
        typed.FloatData.AddRange(parts);
        var raw = TensorFactory.Create("r", DataType.Complex64, [2], TestModels.Bytes(parts));
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(typed, raw));
        Assert.Equal(16, model.ByteCountOf(typed));
        Assert.Equal(TestModels.Bytes(parts), model.ReadInitializer("c").Bytes.ToArray());
        Assert.Equal(TestModels.Bytes(parts), model.ReadInitializer("r").Bytes.ToArray());
        Assert.Equal(parts, TensorFactory.Create("t", DataType.Complex64, [2], TestModels.Bytes(parts), TensorEncoding.Typed).FloatData);
    }

    [Fact]
    public void StringsLiveInStringData()
    {
        byte[][] values = [[(byte)'a'], [], "héllo"u8.ToArray(), [0, 255, 10]];
        var tensor = TensorFactory.CreateStrings("words", [2, 2], values);
        Assert.Equal((int)DataType.String, tensor.DataType);
        Assert.False(tensor.HasRawData);
        Assert.Equal(values, tensor.StringData.Select(s => s.ToByteArray()));

        using var model = OnnxModel.FromProto(TestModels.WithInitializers(tensor));
        var data = model.ReadInitializer("words");
        Assert.Equal(TensorStorage.Typed, data.Storage);
        Assert.Equal(values, data.Strings);
        Assert.True(data.Bytes.IsEmpty);
        Assert.Equal(0, model.ByteCountOf(tensor));
        Expect.Error(DiagnosticCodes.UnsupportedElementType, null, () => data.ToSingleArray(), "words");
        Assert.Throws<ArgumentException>(() => TensorFactory.Create("s", DataType.String, [1], [1]));
    }

    [Fact]
    public void EmptyTensorsHaveEmptyStorage()
    {
        var tensor = TensorFactory.Create<float>("nothing", [0, 3], ReadOnlySpan<float>.Empty, TensorEncoding.Typed);
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(tensor));
        var data = model.ReadInitializer("nothing");
        Assert.Equal(TensorStorage.Empty, data.Storage);
        Assert.Equal(0, data.ElementCount);
        Assert.Empty(data.ToSingleArray());
        Assert.True(data.AsSpan<float>().IsEmpty);
    }

    [Fact]
    public void EveryTypeSurvivesEmbeddedAndExternalSaves()
    {
        using var temp = new TempFolder("types-save");
        var tensors = new List<TensorProto>();
        foreach (var encoding in new[] { TensorEncoding.Raw, TensorEncoding.Typed })
        {
            string e = encoding.ToString();
            tensors.Add(TensorFactory.Create<float>("f32_" + e, [3], [1f, -2f, 3.5f], encoding));
            tensors.Add(TensorFactory.Create<Half>("f16_" + e, [2], [(Half)1.5f, (Half)(-4f)], encoding));
            tensors.Add(TensorFactory.Create<BFloat16>("bf16_" + e, [2], [BFloat16.FromSingle(2f), BFloat16.FromSingle(-0.5f)], encoding));
            tensors.Add(TensorFactory.Create<double>("f64_" + e, [2], [1e100, -1e-100], encoding));
            tensors.Add(TensorFactory.Create<sbyte>("i8_" + e, [3], [-1, 2, -128], encoding));
            tensors.Add(TensorFactory.Create<byte>("u8_" + e, [2], [255, 1], encoding));
            tensors.Add(TensorFactory.Create<short>("i16_" + e, [2], [-300, 300], encoding));
            tensors.Add(TensorFactory.Create<ushort>("u16_" + e, [2], [60000, 3], encoding));
            tensors.Add(TensorFactory.Create<int>("i32_" + e, [2], [-70000, 70000], encoding));
            tensors.Add(TensorFactory.Create<uint>("u32_" + e, [2], [4000000000u, 3u], encoding));
            tensors.Add(TensorFactory.Create<long>("i64_" + e, [2], [-5000000000L, 5L], encoding));
            tensors.Add(TensorFactory.Create<ulong>("u64_" + e, [2], [ulong.MaxValue, 5UL], encoding));
            tensors.Add(TensorFactory.Create<bool>("bool_" + e, [3], [true, false, true], encoding));
            tensors.Add(TensorFactory.Create("i4_" + e, DataType.Int4, [3], [0x9F, 0x01], encoding));
            tensors.Add(TensorFactory.Create("u4_" + e, DataType.Uint4, [2], [0xA5], encoding));
            tensors.Add(TensorFactory.Create("f8_" + e, DataType.Float8E4M3Fn, [2], [0x38, 0xC0], encoding));
            // A large one per encoding so the default threshold externalizes something of each kind.
            tensors.Add(TensorFactory.Create<short>("big_i16_" + e, [1000], Enumerable.Range(-500, 1000).Select(i => (short)(i * 7)).ToArray(), encoding));
        }

        tensors.Add(TensorFactory.CreateStrings("strings", [2], ["x"u8.ToArray(), "yz"u8.ToArray()]));
        var proto = TestModels.WithInitializers([.. tensors]);
        using var original = OnnxModel.FromProto(proto);
        var truth = TestModels.Snapshot(original);

        foreach (var (name, options) in new (string, OnnxSaveOptions)[]
        {
            ("embedded", new OnnxSaveOptions { ExternalData = ExternalDataMode.Never }),
            ("external", new OnnxSaveOptions { ExternalData = ExternalDataMode.Always }),
            ("all-external", new OnnxSaveOptions { ExternalData = ExternalDataMode.Always, ExternalizeThresholdBytes = 0 }),
        })
        {
            string path = temp.File(name, "model.onnx");
            original.Save(path, options);
            var saved = TestModels.ReadProto(path).Graph.Initializer;
            int external = saved.Count(t => t.DataLocation == TensorProto.Types.DataLocation.External);
            Assert.Equal(name switch { "embedded" => 0, "external" => 2, _ => tensors.Count - 1 }, external);
            Assert.Empty(saved.Single(t => t.Name == "strings").ExternalData); // strings never go external
            using var back = OnnxModel.Load(path);
            TestModels.AssertSameTensors(truth, TestModels.Snapshot(back));
        }
    }

    [Fact]
    public void RawDataIsViewedWithoutCopying()
    {
        float[] values = [1f, 2f, 3f, 4f];
        var tensor = TensorFactory.Create<float>("w", [4], values);
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(tensor));
        var data = model.ReadInitializer("w");
        Assert.True(SameAddress(MemoryMarshal.AsBytes(data.AsSpan<float>()), tensor.RawData.Span));
        Assert.True(SameAddress(data.Bytes.Span, tensor.RawData.Span));
        Assert.Equal(values, data.AsSpan<float>().ToArray());
    }

    [Fact]
    public void RawDataOfALoadedFileIsViewedWithoutCopying()
    {
        using var temp = new TempFolder("types-view");
        var built = TestModels.Dense(13, TensorEncoding.Raw);
        string path = TestModels.WriteProto(built.Proto, temp.File("model.onnx"));
        using var model = OnnxModel.Load(path);
        foreach (var tensor in model.Proto.Graph.Initializer)
        {
            var data = model.ReadTensor(tensor);
            Assert.True(SameAddress(MemoryMarshal.AsBytes(data.AsSpan<float>()), tensor.RawData.Span), tensor.Name);
        }
    }

    [Fact]
    public void ExternalDataIsViewedInTheMappedFile()
    {
        using var temp = new TempFolder("types-mapped");
        var built = TestModels.Aligned();
        string path = temp.File("model.onnx");
        using (var m = OnnxModel.FromProto(built.Proto.Clone()))
        {
            m.Save(path, new OnnxSaveOptions { ExternalData = ExternalDataMode.Always });
        }

        using var model = OnnxModel.Load(path);
        var external = model.Proto.Graph.Initializer.Where(t => model.StorageOf(t) == TensorStorage.External).ToArray();
        Assert.True(external.Length >= 4);
        var first = model.ReadTensor(external[0]);
        long firstOffset = TestModels.External(external[0]).Offset;
        Assert.False(MemoryMarshal.TryGetArray(first.Bytes, out _), "external bytes were copied into an array");
        foreach (var tensor in external.Skip(1))
        {
            var data = model.ReadTensor(tensor);
            // The distance between two views in memory equals the distance between the two tensors in the file.
            long distance = (long)Unsafe.ByteOffset(
                ref MemoryMarshal.GetReference(first.Bytes.Span),
                ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(data.AsSpan<float>())));
            Assert.Equal(TestModels.External(tensor).Offset - firstOffset, distance);
            Assert.True(SameAddress(data.Bytes.Span, model.ReadTensor(tensor).Bytes.Span), "a second read gave another buffer");
        }
    }

    [Theory]
    [InlineData(DataType.Float, "int")]
    [InlineData(DataType.Float, "double")]
    [InlineData(DataType.Float16, "BFloat16")]
    [InlineData(DataType.Bfloat16, "Half")]
    [InlineData(DataType.Int8, "byte")]
    [InlineData(DataType.Uint8, "sbyte")]
    [InlineData(DataType.Int32, "uint")]
    [InlineData(DataType.Int64, "ulong")]
    [InlineData(DataType.Int4, "byte")]
    public void AsSpanWithTheWrongTypeIsSC1024(DataType type, string clrType)
    {
        using var temp = new TempFolder("types-mismatch");
        var tensor = TensorFactory.Create("t", type, [8], new byte[ElementTypes.ByteCount(type, 8)]);
        string path = TestModels.WriteProto(TestModels.WithInitializers(tensor), temp.File("model.onnx"));
        using var model = OnnxModel.Load(path);
        var data = model.ReadInitializer("t");
        Action view = clrType switch
        {
            "int" => () => data.AsSpan<int>(),
            "uint" => () => data.AsSpan<uint>(),
            "double" => () => data.AsSpan<double>(),
            "BFloat16" => () => data.AsSpan<BFloat16>(),
            "Half" => () => data.AsSpan<Half>(),
            "byte" => () => data.AsSpan<byte>(),
            "sbyte" => () => data.AsSpan<sbyte>(),
            "ulong" => () => data.AsSpan<ulong>(),
            _ => throw new ArgumentOutOfRangeException(nameof(clrType)),
        };
        Expect.Error(DiagnosticCodes.TensorTypeMismatch, path, view, "t");
    }

    [Fact]
    public void AsSpanAcceptsTheDocumentedAlternatives()
    {
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(
            TensorFactory.Create<Half>("h", [2], [(Half)1, (Half)2]),
            TensorFactory.Create<BFloat16>("b", [1], [BFloat16.FromSingle(1f)]),
            TensorFactory.Create<bool>("flags", [2], [true, false])));
        Assert.Equal([0x3C00, 0x4000], model.ReadInitializer("h").AsSpan<ushort>().ToArray());
        Assert.Equal([0x3F80], model.ReadInitializer("b").AsSpan<ushort>().ToArray());
        Assert.Equal([1, 0], model.ReadInitializer("flags").AsSpan<byte>().ToArray());
    }

    [Theory]
    [InlineData(DataType.Int4)]
    [InlineData(DataType.Uint4)]
    [InlineData(DataType.Float8E4M3Fn)]
    [InlineData(DataType.Complex64)]
    public void ToSingleArrayRefusesTypesWithoutAConversion(DataType type)
    {
        var tensor = TensorFactory.Create("odd", type, [2], new byte[ElementTypes.ByteCount(type, 2)]);
        using var model = OnnxModel.FromProto(TestModels.WithInitializers(tensor));
        Expect.Error(DiagnosticCodes.UnsupportedElementType, null, () => model.ReadInitializer("odd").ToSingleArray(), "odd");
    }

    [Fact]
    public void BFloat16RoundsToNearestEven()
    {
        Assert.Equal(0x3F80, BFloat16.FromSingle(1f).Bits);
        Assert.Equal(0x3F80, BFloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x3F808000)).Bits); // tie, rounds down to even
        Assert.Equal(0x3F82, BFloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x3F818000)).Bits); // tie, rounds up to even
        Assert.Equal(0x3F81, BFloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x3F808001)).Bits); // above the tie
        Assert.Equal(0x7F80, BFloat16.FromSingle(float.MaxValue).Bits); // overflows to infinity
        Assert.True(float.IsNaN(BFloat16.FromSingle(float.NaN).ToSingle()));
        Assert.True(float.IsNaN(BFloat16.FromSingle(BitConverter.UInt32BitsToSingle(0x7F800001)).ToSingle())); // a NaN that would truncate to infinity
        Assert.Equal(-2.5f, BFloat16.FromSingle(-2.5f).ToSingle());
    }

    private static void Check<T>(T[] values, DataType type, TypedField field, Array typedEntries, float[] floats) where T : unmanaged
    {
        byte[] packed = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        Assert.Equal(type, TensorFactory.ElementTypeOf<T>());
        Assert.Equal(field, ElementTypes.FieldOf(type));

        var raw = TensorFactory.Create<T>("raw", [values.Length], values);
        var typed = TensorFactory.Create<T>("typed", [values.Length], values, TensorEncoding.Typed);
        Assert.Equal((int)type, raw.DataType);
        Assert.Equal(packed, raw.RawData.ToByteArray());
        Assert.False(typed.HasRawData);
        AssertOnlyField(typed, field, typedEntries);

        // A tensor as another tool writes it: the typed entries set by hand.
        var byHand = new TensorProto { Name = "by_hand", DataType = (int)type };
        byHand.Dims.Add(values.Length);
        SetField(byHand, typedEntries);

        using var model = OnnxModel.FromProto(TestModels.WithInitializers(raw, typed, byHand));
        foreach (var (name, storage) in new[] { ("raw", TensorStorage.Raw), ("typed", TensorStorage.Typed), ("by_hand", TensorStorage.Typed) })
        {
            var data = model.ReadInitializer(name);
            Assert.Equal(storage, data.Storage);
            Assert.Equal(type, data.ElementType);
            Assert.Equal([(long)values.Length], data.Dims);
            Assert.Equal(values.Length, data.ElementCount);
            Assert.True(packed.AsSpan().SequenceEqual(data.Bytes.Span), $"{name} decodes to {Convert.ToHexString(data.Bytes.Span)}, expected {Convert.ToHexString(packed)}");
            Assert.Equal(values, data.AsSpan<T>().ToArray());
            Expect.BitIdentical(floats, data.ToSingleArray(), $"{name}.ToSingleArray()");
        }

        Assert.Equal(packed.Length, model.ByteCountOf(raw));
        Assert.Equal(packed.Length, model.ByteCountOf(typed));
        Assert.True(SameAddress(model.ReadInitializer("raw").Bytes.Span, raw.RawData.Span), "raw_data was copied");
    }

    private static void CheckPacked(DataType type, long[] dims, byte[] packed, int[] typedEntries)
    {
        var raw = TensorFactory.Create("raw", type, dims, packed);
        var typed = TensorFactory.Create("typed", type, dims, packed, TensorEncoding.Typed);
        AssertOnlyField(typed, TypedField.Int32Data, typedEntries);
        var byHand = new TensorProto { Name = "by_hand", DataType = (int)type };
        byHand.Dims.AddRange(dims);
        byHand.Int32Data.AddRange(typedEntries);

        using var model = OnnxModel.FromProto(TestModels.WithInitializers(raw, typed, byHand));
        foreach (string name in new[] { "raw", "typed", "by_hand" })
        {
            var data = model.ReadInitializer(name);
            Assert.Equal(Convert.ToHexString(packed), Convert.ToHexString(data.Bytes.Span));
            Assert.Equal(dims.Aggregate(1L, (a, d) => a * d), data.ElementCount);
        }

        Assert.Equal(packed.Length, model.ByteCountOf(typed));
        Assert.Throws<ArgumentException>(() => TensorFactory.Create("wrong", type, dims, new byte[packed.Length + 1]));
    }

    private static void AssertOnlyField(TensorProto tensor, TypedField field, Array expected)
    {
        var fields = new (TypedField Field, Array Values)[]
        {
            (TypedField.FloatData, tensor.FloatData.ToArray()),
            (TypedField.Int32Data, tensor.Int32Data.ToArray()),
            (TypedField.Int64Data, tensor.Int64Data.ToArray()),
            (TypedField.DoubleData, tensor.DoubleData.ToArray()),
            (TypedField.UInt64Data, tensor.Uint64Data.ToArray()),
        };
        foreach (var (f, values) in fields)
        {
            if (f == field)
            {
                Assert.Equal(expected.Cast<object>(), values.Cast<object>());
            }
            else
            {
                Assert.True(values.Length == 0, $"{f} holds values too");
            }
        }
    }

    private static void SetField(TensorProto tensor, Array entries)
    {
        // By exact type: the runtime treats a ulong[] as a long[] in pattern matches.
        var type = entries.GetType();
        if (type == typeof(float[])) tensor.FloatData.AddRange((float[])entries);
        else if (type == typeof(int[])) tensor.Int32Data.AddRange((int[])entries);
        else if (type == typeof(long[])) tensor.Int64Data.AddRange((long[])entries);
        else if (type == typeof(double[])) tensor.DoubleData.AddRange((double[])entries);
        else if (type == typeof(ulong[])) tensor.Uint64Data.AddRange((ulong[])entries);
        else throw new ArgumentException("unknown entry type", nameof(entries));
    }

    private static bool SameAddress(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length == b.Length && Unsafe.AreSame(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b));
}
