using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime;

/// <summary>
/// One ONNX Runtime session for a compiled sparse model, on the best provider available (see
/// <see cref="SparseModelOptions.Target"/>). Create it once and share it: the run methods are thread-safe.
/// </summary>
public sealed class SparseModelSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private int disposed;

    /// <summary>Loads the model from <paramref name="source"/> and picks a provider.</summary>
    /// <exception cref="SparseModelException">The source cannot be read, the requested provider is unavailable, or no provider accepts the model.</exception>
    public SparseModelSession(SparseModelSource source, SparseModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new SparseModelOptions();
        var selector = new ProviderSelector(source.Open(), options);
        try
        {
            (session, ExecutionProvider) = selector.Create();
        }
        catch
        {
            runOptions.Dispose();
            throw;
        }

        SkippedProviders = selector.Skipped;
        InputNames = session.InputNames;
        OutputNames = session.OutputNames;
        var metadata = session.ModelMetadata;
        ProducerName = metadata.ProducerName;
        CustomMetadata = new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal);
    }

    /// <summary>Loads a model file (a <c>.onnx.br</c> file is Brotli-decompressed).</summary>
    public SparseModelSession(string modelPath, SparseModelOptions? options = null)
        : this(SparseModelSource.FromFile(modelPath), options)
    {
    }

    /// <summary>The provider the model runs on, e.g. <see cref="ProviderNames.TensorRT"/>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Providers tried before <see cref="ExecutionProvider"/> and why each was skipped.</summary>
    public IReadOnlyDictionary<string, string> SkippedProviders { get; }

    /// <summary>The model's input names, in order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The model's output names, in order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The producer recorded in the model.</summary>
    public string ProducerName { get; }

    /// <summary>The model's custom metadata (key → value).</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    /// <summary>Input name → type and shape.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> InputMetadata => Session.InputMetadata;

    /// <summary>Output name → type and shape.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata => Session.OutputMetadata;

    private InferenceSession Session => Volatile.Read(ref disposed) == 0
        ? session
        : throw new ObjectDisposedException(nameof(SparseModelSession));

    /// <summary>
    /// Runs the model into caller-owned, pre-allocated outputs; nothing is allocated for the results.
    /// The caller keeps ownership of every value passed.
    /// </summary>
    public void Run(IReadOnlyList<string> inputNames, IReadOnlyList<OrtValue> inputs, IReadOnlyList<string> outputNames, IReadOnlyList<OrtValue> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        ArgumentNullException.ThrowIfNull(outputs);
        RequireSameCount(inputNames.Count, inputs.Count, "input");
        RequireSameCount(outputNames.Count, outputs.Count, "output");
        Session.Run(runOptions, inputNames, inputs, outputNames, outputs);
    }

    /// <summary>Runs the model and returns every output; dispose the result to release the native values.</summary>
    public SparseModelOutputCollection Run(IReadOnlyDictionary<string, OrtValue> inputs) => Run(inputs, OutputNames);

    /// <summary>Runs the model and returns the named outputs; dispose the result to release the native values.</summary>
    public SparseModelOutputCollection Run(IReadOnlyDictionary<string, OrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        return new SparseModelOutputCollection(outputNames, Session.Run(runOptions, inputs, outputNames));
    }

    /// <summary>
    /// Runs the model and returns the named outputs allocated by ONNX Runtime. A cancellable token sets the run's
    /// terminate flag when cancelled, and the run then ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    internal IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs,
        IReadOnlyCollection<string> outputNames, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!cancellationToken.CanBeCanceled)
        {
            return Session.Run(runOptions, inputNames, inputs, outputNames);
        }

        using var cancellable = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, cancellable);
        try
        {
            return Session.Run(cancellable, inputNames, inputs, outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>A new I/O binding on this session; the caller disposes it.</summary>
    internal OrtIoBinding CreateIoBinding() => Session.CreateIoBinding();

    /// <summary>Runs the model on the values bound to <paramref name="binding"/>; allocates nothing.</summary>
    internal void RunWithBinding(OrtIoBinding binding) => Session.RunWithBinding(runOptions, binding);

    /// <summary>Releases the session; calling it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        session.Dispose();
        runOptions.Dispose();
    }

    private static void RequireSameCount(int names, int values, string kind)
    {
        if (names != values)
        {
            throw new SparseModelException(SparseModelErrorCodes.InvalidRun, $"{names} {kind} names but {values} {kind} values.");
        }
    }
}
