using Microsoft.ML.OnnxRuntime;
using SparseCompile.Runtime;

namespace SparseCompile.GpuCheck;

/// <summary>Fails fast, with the reason, when this machine cannot run TensorRT through ONNX Runtime.</summary>
internal static class TensorRtProbe
{
    public static int Run()
    {
        string[] available = OrtEnv.Instance().GetAvailableProviders();
        Console.WriteLine($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, providers built in: {string.Join(", ", available)}");
        if (!available.Contains(ProviderNames.TensorRT))
        {
            return Fail($"this ONNX Runtime build has no TensorRT provider (available: {string.Join(", ", available)})");
        }

        // The provider is compiled in; starting it needs the NVIDIA driver and the CUDA 13, cuDNN 9 and TensorRT 10 libraries.
        string folder = Directory.CreateTempSubdirectory("gpu-check-probe-").FullName;
        try
        {
            string model = Path.Combine(folder, "probe.onnx");
            CheckModels.WriteMatMul(model, rows: 8, width: 16, hidden: 16);
            using var session = new SparseModelSession(model, new SparseModelOptions
            {
                Target = ExecutionTarget.TensorRT,
                EngineCacheFolder = Path.Combine(folder, "engines"),
            });
            Console.WriteLine($"TensorRT starts: SparseModelSession.ExecutionProvider = {session.ExecutionProvider}");
            return 0;
        }
        catch (SparseModelException e)
        {
            return Fail(e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Fail(string why)
    {
        Console.Error.WriteLine("gpu-check: no CUDA/TensorRT here, nothing was measured.");
        Console.Error.WriteLine($"gpu-check: {why}");
        Console.Error.WriteLine("gpu-check: run it on a Linux machine with an NVIDIA GPU (sparse tensor cores: Ampere or newer), its driver, "
            + "CUDA 13 (libcudart.so.13, libcublas.so.13), cuDNN 9 and TensorRT 10 (libnvinfer.so.10, libnvonnxparser.so.10) libraries on LD_LIBRARY_PATH.");
        return 3;
    }
}
