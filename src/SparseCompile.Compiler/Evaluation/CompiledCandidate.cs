namespace SparseCompile.Compiler.Evaluation;

/// <summary>
/// A model compiled in memory for the gate: serialized bytes, or, for models that do not fit one protobuf, a file in
/// a temporary folder (deleted on dispose). Also what the compile changed: the weights pruned and quantized.
/// </summary>
internal sealed class CompiledCandidate : IDisposable
{
    private readonly byte[]? bytes;
    private readonly string? folder;

    public CompiledCandidate(byte[]? bytes, string? folder, IReadOnlyList<string> pruned, IReadOnlyList<string> quantized,
        IReadOnlyDictionary<string, string> nodes)
    {
        Nodes = nodes;
        this.bytes = bytes;
        this.folder = folder;
        Pruned = pruned;
        Quantized = quantized;
    }

    /// <summary>The serialized model, or null when it went to a temporary folder (over 2 GB).</summary>
    public byte[]? Bytes => bytes;

    /// <summary>Weights the compile pruned, in graph order.</summary>
    public IReadOnlyList<string> Pruned { get; }

    /// <summary>Weights the compile quantized, in graph order.</summary>
    public IReadOnlyList<string> Quantized { get; }

    /// <summary>The node that reads each pruned or quantized weight.</summary>
    public IReadOnlyDictionary<string, string> Nodes { get; }

    /// <summary>An ONNX Runtime session over the candidate.</summary>
    public EvaluationSession Open(string displayName) => bytes is not null
        ? EvaluationSession.Open(bytes, displayName)
        : EvaluationSession.Open(Path.Combine(folder!, CandidateBuilder.FileName));

    public void Dispose()
    {
        if (folder is not null && Directory.Exists(folder))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a temporary folder; the system cleans it up
            }
        }
    }
}
