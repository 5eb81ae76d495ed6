using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.GpuCheck;

/// <summary>
/// ONNX Runtime sessions on TensorRT with 2:4 sparse weights on or off, INT8 (QDQ) and FP16, a per-run engine cache and the
/// detailed build log; CUDA takes the nodes TensorRT leaves. The runtime itself always turns sparsity on
/// (SparseCompile.Runtime's ProviderConfigurator), so the "off" side is built here directly.
/// </summary>
internal static class TrtSessions
{
    public static Dictionary<string, string> Settings(bool sparsity, string engineCache) => new()
    {
        ["device_id"] = "0",
        ["trt_sparsity_enable"] = sparsity ? "1" : "0",
        ["trt_int8_enable"] = "1",
        ["trt_fp16_enable"] = "1",
        ["trt_engine_cache_enable"] = "1",
        ["trt_engine_cache_path"] = engineCache,
        ["trt_detailed_build_log"] = "1",
    };

    public static InferenceSession Create(string model, bool sparsity, string engineCache)
    {
        Directory.CreateDirectory(engineCache);
        using var options = new SessionOptions
        {
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE,
            LogVerbosityLevel = 0,
        };
        using var trt = new OrtTensorRTProviderOptions();
        trt.UpdateOptions(Settings(sparsity, engineCache));
        options.AppendExecutionProvider_Tensorrt(trt);
        using var cuda = new OrtCUDAProviderOptions();
        cuda.UpdateOptions(new Dictionary<string, string> { ["device_id"] = "0" });
        options.AppendExecutionProvider_CUDA(cuda);
        return new InferenceSession(model, options);
    }
}
