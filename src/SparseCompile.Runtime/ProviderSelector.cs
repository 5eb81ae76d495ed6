using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime;

/// <summary>Creates one ONNX Runtime session on the first provider that works, recording why the others were skipped.</summary>
internal sealed class ProviderSelector
{
    private readonly ModelPayload payload;
    private readonly SparseModelOptions options;
    private readonly Dictionary<string, string> skipped = new(StringComparer.Ordinal);
    private string? engineCacheFolder;

    public ProviderSelector(ModelPayload payload, SparseModelOptions options)
    {
        this.payload = payload;
        this.options = options;
    }

    /// <summary>Provider name → why it was not used.</summary>
    public IReadOnlyDictionary<string, string> Skipped => skipped;

    /// <summary>The providers tried, in order, for a target.</summary>
    public static IReadOnlyList<string> Candidates(ExecutionTarget target) => target == ExecutionTarget.Auto
        ? [ProviderNames.TensorRT, ProviderNames.Cuda, ProviderNames.Cpu]
        : [ProviderNames.For(target)];

    /// <summary>Creates the session; returns it with the provider it runs on.</summary>
    public (InferenceSession Session, string Provider) Create()
    {
        var available = OrtEnv.Instance().GetAvailableProviders();
        foreach (string provider in Candidates(options.Target))
        {
            string? reason = provider != ProviderNames.Cpu && !available.Contains(provider)
                ? $"not available in this ONNX Runtime build (available: {string.Join(", ", available)}); reference Microsoft.ML.OnnxRuntime.Gpu for GPU providers"
                : null;
            if (reason is null)
            {
                var session = TryCreate(provider, available, out reason);
                if (session is not null)
                {
                    options.Log?.Invoke($"SparseCompile.Runtime: using {provider}.");
                    return (session, provider);
                }
            }

            skipped[provider] = reason!;
            options.Log?.Invoke($"SparseCompile.Runtime: skipped {provider}: {reason}");
        }

        throw Failure();
    }

    private InferenceSession? TryCreate(string provider, string[] available, out string? reason)
    {
        var sessionOptions = new SessionOptions();
        try
        {
            if (options.IntraOpThreads is int threads)
            {
                sessionOptions.IntraOpNumThreads = threads;
            }

            ProviderConfigurator.Append(sessionOptions, provider, options, EngineCacheFolder, available);
            reason = null;
            return payload.Path is not null
                ? new InferenceSession(payload.Path, sessionOptions)
                : new InferenceSession(payload.Bytes!, sessionOptions);
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            reason = e.Message;
            return null;
        }
        finally
        {
            sessionOptions.Dispose();
        }
    }

    private string EngineCacheFolder() => engineCacheFolder ??= options.EngineCacheFolder
        ?? Path.Combine(Path.GetTempPath(), "SparseCompile", "trt-engines", payload.Sha256()[..16]);

    private SparseModelException Failure()
    {
        string reasons = string.Join("; ", skipped.Select(s => $"{s.Key}: {s.Value}"));
        return options.Target is ExecutionTarget.TensorRT or ExecutionTarget.Cuda
            ? new SparseModelException(SparseModelErrorCodes.ProviderUnavailable,
                $"The requested execution provider {ProviderNames.For(options.Target)} cannot be used. {reasons}")
            : new SparseModelException(SparseModelErrorCodes.ModelRejected, $"ONNX Runtime could not load the model on any provider. {reasons}");
    }
}
