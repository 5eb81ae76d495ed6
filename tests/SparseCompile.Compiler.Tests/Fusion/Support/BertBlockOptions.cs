namespace SparseCompile.Compiler.Tests.Fusion.Support;

/// <summary>How <see cref="BertBlock"/> writes its self-attention block; the defaults are the MiniLM (PyTorch 1.10) export.</summary>
internal sealed record BertBlockOptions
{
    /// <summary>Hidden size.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Attention heads.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>The perm of the Transpose that merges the heads back ([0,2,1,3] in BERT).</summary>
    public long[] MergePerm { get; init; } = [0, 2, 1, 3];

    /// <summary>Write Kᵀ as Transpose [0,2,1,3] then [0,1,3,2] instead of one Transpose [0,2,3,1].</summary>
    public bool KeyTransposeInTwoSteps { get; init; }

    /// <summary>Q and K read one weight.</summary>
    public bool SharedQueryKeyWeight { get; init; }

    /// <summary>Add a causal (upper-triangular) mask to the scores as well, for a fixed sequence of <see cref="FixedSequence"/>.</summary>
    public bool Causal { get; init; }

    /// <summary>The sequence length of the causal mask.</summary>
    public int FixedSequence { get; init; } = 8;

    /// <summary>Leave out the key-padding mask.</summary>
    public bool NoMask { get; init; }

    /// <summary>The value masked scores get (-10000 in BERT).</summary>
    public float MaskFilter { get; init; } = -10000f;

    /// <summary>Scale the scores with Mul by 1/√d instead of Div by √d.</summary>
    public bool ScaleByMul { get; init; }

    /// <summary>The Softmax axis.</summary>
    public long SoftmaxAxis { get; init; } = -1;

    /// <summary>Also make the attention probabilities a graph output.</summary>
    public bool ProbabilitiesAsOutput { get; init; }

    /// <summary>Follow the block with the output dense layer, the residual Add and a written-out layer normalization.</summary>
    public bool ResidualLayerNorm { get; init; }

    /// <summary>How many attention blocks to chain (they share the mask).</summary>
    public int Layers { get; init; } = 1;

    /// <summary>The head size.</summary>
    public int HeadSize => Hidden / Heads;
}
