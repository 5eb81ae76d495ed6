using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime;

/// <summary>Adds one execution provider, with the runtime's settings, to ONNX Runtime session options.</summary>
internal static class ProviderConfigurator
{
    /// <summary>Appends <paramref name="provider"/>; throws ONNX Runtime's exception when the provider cannot be added.</summary>
    public static void Append(SessionOptions sessionOptions, string provider, SparseModelOptions options, Func<string> engineCacheFolder, IReadOnlyCollection<string> available)
    {
        switch (provider)
        {
            case ProviderNames.TensorRT:
                AppendTensorRT(sessionOptions, options, engineCacheFolder());
                if (available.Contains(ProviderNames.Cuda))
                {
                    // TensorRT hands the nodes it cannot build to the next provider; CUDA keeps them on the GPU.
                    AppendCuda(sessionOptions, options);
                }

                break;
            case ProviderNames.Cuda:
                AppendCuda(sessionOptions, options);
                break;
            case ProviderNames.Cpu:
                break; // ONNX Runtime always has the CPU provider
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown execution provider.");
        }
    }

    /// <summary>The TensorRT settings: 2:4 sparse weights, FP16, INT8 for QDQ models, and a persistent engine cache.</summary>
    public static Dictionary<string, string> TensorRTSettings(SparseModelOptions options, string engineCacheFolder) => new()
    {
        ["device_id"] = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["trt_sparsity_enable"] = "1",
        ["trt_fp16_enable"] = options.EnableFp16 ? "1" : "0",
        ["trt_int8_enable"] = options.QuantizedQdq ? "1" : "0",
        ["trt_engine_cache_enable"] = "1",
        ["trt_engine_cache_path"] = engineCacheFolder,
        ["trt_timing_cache_enable"] = "1",
        ["trt_timing_cache_path"] = engineCacheFolder,
    };

    private static void AppendTensorRT(SessionOptions sessionOptions, SparseModelOptions options, string engineCacheFolder)
    {
        Directory.CreateDirectory(engineCacheFolder);
        using var trt = new OrtTensorRTProviderOptions();
        trt.UpdateOptions(TensorRTSettings(options, engineCacheFolder));
        sessionOptions.AppendExecutionProvider_Tensorrt(trt);
    }

    private static void AppendCuda(SessionOptions sessionOptions, SparseModelOptions options)
    {
        using var cuda = new OrtCUDAProviderOptions();
        cuda.UpdateOptions(new Dictionary<string, string>
        {
            ["device_id"] = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        sessionOptions.AppendExecutionProvider_CUDA(cuda);
    }
}
