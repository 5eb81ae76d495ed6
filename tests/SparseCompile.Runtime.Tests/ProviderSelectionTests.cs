namespace SparseCompile.Runtime.Tests;

public sealed class ProviderSelectionTests : IClassFixture<MatMulModel>
{
    private readonly MatMulModel model;

    public ProviderSelectionTests(MatMulModel model) => this.model = model;

    [Fact]
    public void Auto_on_a_cpu_only_build_uses_the_cpu_and_records_why_gpu_providers_were_skipped()
    {
        var log = new List<string>();
        using var session = new SparseModelSession(model.Path, new SparseModelOptions { Log = log.Add });

        Assert.Equal(ProviderNames.Cpu, session.ExecutionProvider);
        Assert.Equal(new HashSet<string> { ProviderNames.TensorRT, ProviderNames.Cuda }, session.SkippedProviders.Keys.ToHashSet());
        Assert.All(session.SkippedProviders.Values, reason => Assert.Contains("not available", reason));
        Assert.Contains(log, line => line.Contains("skipped " + ProviderNames.TensorRT));
        Assert.Contains(log, line => line.Contains("skipped " + ProviderNames.Cuda));
        Assert.Contains(log, line => line.Contains("using " + ProviderNames.Cpu));
    }

    [Theory]
    [InlineData(ExecutionTarget.TensorRT, ProviderNames.TensorRT)]
    [InlineData(ExecutionTarget.Cuda, ProviderNames.Cuda)]
    public void An_explicit_unavailable_provider_throws_with_its_name_and_code(ExecutionTarget target, string provider)
    {
        var e = Assert.Throws<SparseModelException>(() => new SparseModelSession(model.Path, new SparseModelOptions { Target = target }));

        Assert.Equal(SparseModelErrorCodes.ProviderUnavailable, e.Code);
        Assert.StartsWith("SCR001", e.Message);
        Assert.Contains(provider, e.Message);
        Assert.Contains("not available", e.Message);
    }

    [Fact]
    public void Explicit_cpu_skips_nothing()
    {
        using var session = new SparseModelSession(model.Path, new SparseModelOptions { Target = ExecutionTarget.Cpu, IntraOpThreads = 1 });

        Assert.Equal(ProviderNames.Cpu, session.ExecutionProvider);
        Assert.Empty(session.SkippedProviders);
    }

    [Theory]
    [InlineData(false, "0")]
    [InlineData(true, "1")]
    public void TensorRT_settings_enable_sparsity_and_int8_only_for_qdq_models(bool qdq, string int8)
    {
        var settings = ProviderConfigurator.TensorRTSettings(new SparseModelOptions { QuantizedQdq = qdq, DeviceId = 1 }, "/cache");

        Assert.Equal("1", settings["trt_sparsity_enable"]);
        Assert.Equal(int8, settings["trt_int8_enable"]);
        Assert.Equal("1", settings["trt_fp16_enable"]);
        Assert.Equal("1", settings["trt_engine_cache_enable"]);
        Assert.Equal("/cache", settings["trt_engine_cache_path"]);
        Assert.Equal("1", settings["device_id"]);
    }

    [Fact]
    public void Auto_tries_tensorrt_then_cuda_then_cpu()
    {
        Assert.Equal([ProviderNames.TensorRT, ProviderNames.Cuda, ProviderNames.Cpu], ProviderSelector.Candidates(ExecutionTarget.Auto));
        Assert.Equal([ProviderNames.Cuda], ProviderSelector.Candidates(ExecutionTarget.Cuda));
    }
}
