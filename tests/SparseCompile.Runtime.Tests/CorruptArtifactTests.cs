using System.Buffers.Binary;

namespace SparseCompile.Runtime.Tests;

/// <summary>
/// Brotli has no checksum: without the compiler's integrity record most damaged bytes still decode, into a different model.
/// With it, a damaged or cut artifact is SCR002 naming its source, and never loads as another model.
/// </summary>
public sealed class CorruptArtifactTests : IDisposable
{
    private readonly CompressedModels models = new();
    private readonly string compressedPath;
    private readonly byte[] compiled;
    private readonly byte[] compressed;

    public CorruptArtifactTests()
    {
        var result = models.Compile(models.WriteMlp("mlp"), "out");
        compressedPath = result.CompressedModelPath!;
        compiled = File.ReadAllBytes(result.ModelPath);
        compressed = File.ReadAllBytes(compressedPath);
    }

    public void Dispose() => models.Dispose();

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(0.001)]
    public void A_truncated_file_is_SCR002_naming_the_file(double keep)
    {
        File.WriteAllBytes(compressedPath, compressed[..(int)(compressed.Length * keep)]);

        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(compressedPath));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains(compressedPath, e.Message);
    }

    [Fact]
    public void Bytes_after_the_stream_are_SCR002_naming_the_file()
    {
        File.WriteAllBytes(compressedPath, [.. compressed, 0, 0, 0]);

        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(compressedPath));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains(compressedPath, e.Message);
        Assert.Contains("follow the end", e.Message);
    }

    [Fact]
    public void No_flipped_bit_anywhere_loads_a_different_model()
    {
        int detected = 0;
        for (int position = 0; position < compressed.Length; position++)
        {
            byte[] damaged = (byte[])compressed.Clone();
            damaged[position] ^= (byte)(1 << (position % 8));
            try
            {
                // A flip the decoder never reads (the magic, skipped as metadata, or a bit Brotli ignores) loads the same model.
                byte[] loaded = SparseModelSource.FromBytes(damaged, brotli: true).Open().Bytes!;
                Assert.True(loaded.AsSpan().SequenceEqual(compiled), $"a flip at byte {position} loaded a different model");
            }
            catch (SparseModelException e)
            {
                Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
                Assert.Contains("in-memory model bytes", e.Message);
                detected++;
            }
        }

        Assert.True(detected >= compressed.Length * 0.95, $"only {detected} of {compressed.Length} flips detected");
    }

    [Fact]
    public void A_model_that_differs_from_its_record_is_SCR002_naming_the_resource()
    {
        byte[] wrongSha = (byte[])compressed.Clone();
        wrongSha[20] ^= 0x01; // inside the SHA-256 (offset 15..46)

        var e = Assert.Throws<SparseModelException>(() =>
            new SparseModelSession(SparseModelSource.FromResource("Models.mlp.onnx.br", () => new MemoryStream(wrongSha))));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains("resource 'Models.mlp.onnx.br'", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    public void A_wrong_or_impossible_recorded_length_is_SCR002(long length)
    {
        byte[] forged = (byte[])compressed.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(forged.AsSpan(7), length);

        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(SparseModelSource.FromBytes(forged, brotli: true)));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains("in-memory model bytes", e.Message);
    }

    [Theory]
    [InlineData(2_000_000_000L)]
    [InlineData(0x7FFFFFC7L)] // Array.MaxLength
    public void A_huge_recorded_length_is_SCR002_without_allocating_it(long length)
    {
        byte[] forged = (byte[])compressed.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(forged.AsSpan(7), length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SparseModelException>(() => SparseModelSource.FromBytes(forged, brotli: true).Open());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains($"not the {length} recorded", e.Message);
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes for a {compressed.Length}-byte artifact");
    }

    [Fact]
    public void A_recorded_length_shorter_than_the_stream_is_SCR002_once_decoding_passes_it()
    {
        byte[] forged = (byte[])compressed.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(forged.AsSpan(7), compiled.Length - 2);

        var e = Assert.Throws<SparseModelException>(() => SparseModelSource.FromBytes(forged, brotli: true).Open());

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains($"more than the {compiled.Length - 2} bytes recorded", e.Message);
    }

    [Fact]
    public void The_record_layout_is_the_documented_one()
    {
        Assert.Equal(new byte[] { 0x6F, 0xAD, 0x00 }, BrotliIntegrityLayout.Header.ToArray());
        Assert.Equal((3, 7, 15, 47, 44), (BrotliIntegrityLayout.MagicOffset, BrotliIntegrityLayout.LengthOffset,
            BrotliIntegrityLayout.ShaOffset, BrotliIntegrityLayout.RecordLength, BrotliIntegrityLayout.MetadataLength));
        Assert.Equal(compressed[..3], BrotliIntegrityLayout.Header.ToArray());
        Assert.Equal("SCZ1"u8.ToArray(), compressed[3..7]);
        Assert.Equal(compiled.Length, BinaryPrimitives.ReadInt64LittleEndian(compressed.AsSpan(7)));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(compiled), compressed[15..47]);
    }
}
