namespace SparseCompile.Compiler.Fusion;

/// <summary>Which fusions <see cref="FusionPass"/> performs, and when it runs.</summary>
public sealed record FusionOptions
{
    /// <summary>Fuse BERT self-attention blocks into com.microsoft Attention (default true).</summary>
    public bool Attention { get; init; } = true;

    /// <summary>
    /// Fuse residual Add + layer normalization into com.microsoft SkipLayerNormalization (default false). The fusion is
    /// exact, but ONNX Runtime 1.31's CPU SkipLayerNormalization kernel is a scalar loop that took about 7x as long as
    /// the LayerNormalization + Add that its optimizer makes of the same subgraph (MiniLM, 128 tokens, 2 threads), and
    /// it computes the variance as E[x²] − E[x]², which loses precision for rows with a large mean.
    /// </summary>
    public bool SkipLayerNormalization { get; init; }

    /// <summary>Run even when the compile does not quantize dynamically (default false: the output needs ONNX Runtime).</summary>
    public bool Always { get; init; }
}
