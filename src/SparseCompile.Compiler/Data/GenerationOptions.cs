namespace SparseCompile.Compiler.Data;

/// <summary>How inputs are generated from a model's input metadata when no data is given.</summary>
public sealed record GenerationOptions
{
    /// <summary>The size given to a symbolic or unknown first dimension (the batch).</summary>
    public long BatchSize { get; init; } = 1;

    /// <summary>The size given to every other symbolic or unknown dimension (a sequence length, an image side).</summary>
    public long SequenceLength { get; init; } = 128;

    /// <summary>Sizes for named symbolic dimensions (for example <c>sequence</c> → 64); they win over the defaults.</summary>
    public IReadOnlyDictionary<string, long> Dimensions { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The vocabulary size for token id inputs; null reads it from the embedding table the ids index.</summary>
    public long? VocabularySize { get; init; }

    /// <summary>The seed; sample i uses a generator seeded from it and i, so samples are the same on every run.</summary>
    public int Seed { get; init; } = 1234;
}
