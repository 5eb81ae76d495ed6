using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Pipeline;

/// <summary>What to compile and how.</summary>
public sealed record CompileOptions
{
    /// <summary>The dense input model.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The folder the compiled model, manifest and report are written to.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The base name of the outputs; default: the model's file name without extension.</summary>
    public string? OutputName { get; init; }

    /// <summary>An unstructured mask file (.npz, .npy, .safetensors, .onnx); null to prune by magnitude only.</summary>
    public string? MaskPath { get; init; }

    /// <summary>The N:M pattern to restructure to; null leaves the pattern unstructured (only the mask is applied).</summary>
    public NMPattern? Sparsity { get; init; } = NMPattern.TwoFour;

    /// <summary>Glob patterns (<c>*</c>, <c>?</c>) on initializer or node names of weights to leave dense.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Weights (initializer names) to leave unpruned, chosen by the accuracy gate's fallback; they may still be quantized.</summary>
    public IReadOnlySet<string> KeepDense { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Weights (initializer names) to leave in float, chosen by the accuracy gate's fallback; they may still be pruned.</summary>
    public IReadOnlySet<string> KeepFloat { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Also write the compiled model Brotli-compressed (<c>&lt;name&gt;.onnx.br</c>), the form to ship; the runtime decompresses it at load.</summary>
    public bool Compress { get; init; }

    /// <summary>What the accuracy gate measured, set by the gate so the manifest records it; null without a gate.</summary>
    public AccuracyGateSummary? AccuracyGate { get; init; }

    /// <summary>INT8 quantization; dynamic by default. Set <c>new QuantizationOptions { Mode = QuantizationMode.None }</c> to keep float weights.</summary>
    public QuantizationOptions Quantization { get; init; } = new();

    /// <summary>The base name the outputs get.</summary>
    public string ResolvedOutputName => OutputName ?? Path.GetFileNameWithoutExtension(ModelPath);
}
