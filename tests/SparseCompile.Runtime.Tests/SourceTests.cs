namespace SparseCompile.Runtime.Tests;

public sealed class SourceTests : IClassFixture<MatMulModel>
{
    private readonly MatMulModel model;

    public SourceTests(MatMulModel model) => this.model = model;

    [Theory]
    [InlineData("file")]
    [InlineData("brotli-file")]
    [InlineData("bytes")]
    [InlineData("brotli-bytes")]
    [InlineData("stream")]
    [InlineData("brotli-stream")]
    [InlineData("resource")]
    [InlineData("brotli-resource")]
    public void Every_source_gives_the_outputs_of_plain_onnx_runtime(string kind)
    {
        using var session = new SparseModelSession(Source(kind));

        Assert.Equal(model.Expected, model.RunOnce(session));
    }

    [Fact]
    public void A_missing_file_is_reported_with_a_code()
    {
        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(Path.Combine(model.Folder, "absent.onnx")));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
    }

    [Fact]
    public void A_missing_assembly_resource_is_reported_with_a_code()
    {
        var source = SparseModelSource.FromResource(typeof(SourceTests).Assembly, "absent.onnx.br");

        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(source));
        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
        Assert.Contains("absent.onnx.br", e.Message);
    }

    [Fact]
    public void Truncated_brotli_data_is_reported_with_a_code()
    {
        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(SparseModelSource.FromBytes(model.BrotliBytes[..(model.BrotliBytes.Length / 2)], brotli: true)));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
    }

    [Fact]
    public void Data_that_is_not_brotli_is_reported_with_a_code()
    {
        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(SparseModelSource.FromBytes(model.Bytes, brotli: true)));

        Assert.Equal(SparseModelErrorCodes.SourceUnreadable, e.Code);
    }

    [Fact]
    public void A_model_onnx_runtime_rejects_is_reported_with_a_code()
    {
        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(SparseModelSource.FromBytes([1, 2, 3, 4, 5, 6, 7, 8])));

        Assert.Equal(SparseModelErrorCodes.ModelRejected, e.Code);
    }

    private SparseModelSource Source(string kind) => kind switch
    {
        "file" => SparseModelSource.FromFile(model.Path),
        "brotli-file" => SparseModelSource.FromFile(model.BrotliPath),
        "bytes" => SparseModelSource.FromBytes(model.Bytes),
        "brotli-bytes" => SparseModelSource.FromBytes(model.BrotliBytes, brotli: true),
        "stream" => SparseModelSource.FromStream(new MemoryStream(model.Bytes)),
        "brotli-stream" => SparseModelSource.FromStream(new MemoryStream(model.BrotliBytes), brotli: true),
        "resource" => SparseModelSource.FromResource("Models.matmul.onnx", () => new MemoryStream(model.Bytes)),
        "brotli-resource" => SparseModelSource.FromResource("Models.matmul.onnx.br", () => new MemoryStream(model.BrotliBytes)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
