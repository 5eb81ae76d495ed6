using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.GpuCheck;

/// <summary>Median and 90th-percentile latency of a session, inputs bound once and outputs left on the GPU.</summary>
internal static class Latency
{
    public static (double MedianMs, double P90Ms) Measure(InferenceSession session, Dictionary<string, OrtValue> feeds, int runs, int warmUp)
    {
        using var runOptions = new RunOptions();
        using var binding = session.CreateIoBinding();
        using var gpu = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);
        foreach (var (name, value) in feeds)
        {
            binding.BindInput(name, value);
        }

        foreach (string name in session.OutputNames)
        {
            binding.BindOutputToDevice(name, gpu);
        }

        for (int i = 0; i < warmUp; i++)
        {
            Once(session, runOptions, binding);
        }

        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Once(session, runOptions, binding);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[runs / 2], times[(int)(runs * 0.9)]);
    }

    private static void Once(InferenceSession session, RunOptions runOptions, OrtIoBinding binding)
    {
        session.RunWithBinding(runOptions, binding);
        binding.SynchronizeBoundOutputs();
    }
}
