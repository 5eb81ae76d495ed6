using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.GpuCheck;

/// <summary>
/// Captures ONNX Runtime's log (TensorRT's builder messages go through it) at verbose level, one file per session,
/// and finds the lines that tell whether TensorRT considered or picked sparse kernels.
/// </summary>
internal static partial class BuildLog
{
    private static readonly DOrtLoggingFunction Callback = Write; // kept alive for the native side
    private static readonly object Gate = new();
    private static StreamWriter? sink;

    /// <summary>Creates the ONNX Runtime environment with the capturing logger; call before anything else touches ONNX Runtime.</summary>
    public static void Install()
    {
        var options = new EnvironmentCreationOptions
        {
            logId = "gpu-check",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE,
            loggingFunction = Callback,
        };
        OrtEnv.CreateInstanceWithOptions(ref options);
    }

    /// <summary>Sends the log to <paramref name="path"/> until the returned scope is disposed.</summary>
    public static IDisposable To(string path)
    {
        lock (Gate)
        {
            sink?.Dispose();
            sink = new StreamWriter(path);
        }

        return new Scope();
    }

    /// <summary>The distinct lines of <paramref name="path"/> that mention sparsity (at most <paramref name="limit"/>).</summary>
    public static IReadOnlyList<string> SparseLines(string path, int limit = 25) =>
        File.ReadLines(path).Where(l => SparsePattern().IsMatch(l)).Distinct().Take(limit).ToArray();

    [GeneratedRegex("sparse|sparsity|kSPARSE", RegexOptions.IgnoreCase)]
    private static partial Regex SparsePattern();

    private static void Write(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        lock (Gate)
        {
            sink?.WriteLine($"[{severity}] {category} {codeLocation}: {message}");
        }
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                sink?.Dispose();
                sink = null;
            }
        }
    }
}
