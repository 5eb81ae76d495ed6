using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Pipeline;

/// <summary>Everything passes share: the model being compiled, the options, and what earlier passes found.</summary>
public sealed class CompilationContext
{
    private readonly List<CompileDiagnostic> diagnostics = [];

    /// <summary>Starts a context over <paramref name="model"/>.</summary>
    public CompilationContext(OnnxModel model, CompileOptions options, IProgress<PassProgress>? progress = null, CancellationToken cancellation = default)
    {
        Model = model;
        Options = options;
        Progress = progress;
        Cancellation = cancellation;
    }

    /// <summary>The model, edited in place by the passes.</summary>
    public OnnxModel Model { get; }

    /// <summary>The compile's options.</summary>
    public CompileOptions Options { get; }

    /// <summary>Where passes report progress, or null.</summary>
    public IProgress<PassProgress>? Progress { get; }

    /// <summary>Cancels the compile between steps.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>Warnings raised so far, in order.</summary>
    public IReadOnlyList<CompileDiagnostic> Diagnostics => diagnostics;

    /// <summary>The weights that may be pruned, with their reduction axes (set by the weight-finding pass).</summary>
    public IReadOnlyList<PrunableWeight> Weights { get; set; } = [];

    /// <summary>Weights to leave dense, by name, with the code and reason.</summary>
    public Dictionary<string, (string Code, string Reason)> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Unstructured keep-masks by weight name, in the weight's own layout (set by the mask pass).</summary>
    public Dictionary<string, ResolvedMask> Masks { get; } = new(StringComparer.Ordinal);

    /// <summary>What happened to each weight, by name (set by the sparsify pass).</summary>
    public Dictionary<string, WeightOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Changes passes made to the graph besides weights (opset upgrade, folds), for the manifest and report.</summary>
    public List<GraphChange> Changes { get; } = [];

    /// <summary>Weights quantized to INT8, in graph order (set by the quantization passes).</summary>
    public List<QuantizedWeight> Quantized { get; } = [];

    /// <summary>Files the compile read, with their SHA-256, for the manifest.</summary>
    public List<InputFileHash> InputFiles { get; } = [];

    /// <summary>Records a warning.</summary>
    public void Warn(string code, string message, string? subject = null) =>
        diagnostics.Add(new CompileDiagnostic(code, message, subject));

    /// <summary>Reports progress and stops if the compile was cancelled.</summary>
    public void Step(string pass, int step, int steps, string? item = null)
    {
        Cancellation.ThrowIfCancellationRequested();
        Progress?.Report(new PassProgress(pass, step, steps, item));
    }
}

/// <summary>A mask resolved to a weight, already in the weight's layout.</summary>
/// <param name="Key">The key in the mask file.</param>
/// <param name="Keep">One flag per weight element, in the weight's C order: true keeps it.</param>
public sealed record ResolvedMask(string Key, bool[] Keep);

/// <summary>A file the compile read.</summary>
/// <param name="Role">model, external-data, or mask.</param>
/// <param name="Name">The file name (no folders, so manifests do not depend on where the repository lives).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Bytes">The file's length.</param>
public sealed record InputFileHash(string Role, string Name, string Sha256, long Bytes);

/// <summary>A change a pass made to the graph.</summary>
/// <param name="Pass">The pass's name.</param>
/// <param name="Description">What changed, in one sentence.</param>
/// <param name="Subject">The node or tensor it concerns, or null.</param>
public sealed record GraphChange(string Pass, string Description, string? Subject);
