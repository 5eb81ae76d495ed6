using FastBertTokenizer;

namespace SparseCompile.Testing.RealData;

/// <summary>
/// A tokenized batch for all-MiniLM-L6-v2: BERT uncased WordPiece (FastBertTokenizer with the model's own
/// vocab.txt, lowercased), [CLS] ... [SEP], at most <see cref="MaxLength"/> tokens, padded to the batch's
/// longest sentence. Every array is row-major with dims [<see cref="Batch"/>, <see cref="Sequence"/>].
/// </summary>
public sealed class MiniLMInputs
{
    /// <summary>The longest token sequence kept (longer sentences are cut and still end with [SEP]).</summary>
    public const int MaxLength = 128;

    private static readonly Lazy<BertTokenizer> SharedTokenizer = new(LoadTokenizer);
    private static readonly Lock TokenizerLock = new();

    private MiniLMInputs(int batch, int sequence, long[] inputIds, long[] attentionMask, long[] tokenTypeIds)
    {
        Batch = batch;
        Sequence = sequence;
        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = tokenTypeIds;
    }

    /// <summary>Sentences in the batch.</summary>
    public int Batch { get; }

    /// <summary>Tokens per sentence after padding.</summary>
    public int Sequence { get; }

    /// <summary>input_ids: token ids, padding [PAD].</summary>
    public long[] InputIds { get; }

    /// <summary>attention_mask: 1 for real tokens, 0 for padding.</summary>
    public long[] AttentionMask { get; }

    /// <summary>token_type_ids: all 0 (one segment).</summary>
    public long[] TokenTypeIds { get; }

    /// <summary>[Batch, Sequence].</summary>
    public int[] Dims => [Batch, Sequence];

    /// <summary>The three inputs by their names in the MiniLM model, ready for <see cref="OrtRunner.RunInt64"/>.</summary>
    public Dictionary<string, (long[] Values, int[] Dims)> Feeds => new()
    {
        ["input_ids"] = (InputIds, Dims),
        ["attention_mask"] = (AttentionMask, Dims),
        ["token_type_ids"] = (TokenTypeIds, Dims),
    };

    /// <summary>Tokenizes a batch of sentences with the MiniLM vocabulary (<see cref="RealModels.MiniLMVocabPath"/>).</summary>
    public static MiniLMInputs Tokenize(IReadOnlyList<string> sentences)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sentences.Count);
        lock (TokenizerLock)
        {
            // The tokenizer reuses its buffers between calls: copy each result out before the next.
            var tokenizer = SharedTokenizer.Value;
            int sequence = sentences.Max(s => tokenizer.Encode(s, MaxLength).InputIds.Length);
            var ids = new long[sentences.Count * sequence];
            var mask = new long[ids.Length];
            var types = new long[ids.Length];
            for (int b = 0; b < sentences.Count; b++)
            {
                var (inputIds, attentionMask, tokenTypeIds) = tokenizer.Encode(sentences[b], MaxLength, sequence);
                inputIds.Span.CopyTo(ids.AsSpan(b * sequence, sequence));
                attentionMask.Span.CopyTo(mask.AsSpan(b * sequence, sequence));
                tokenTypeIds.Span.CopyTo(types.AsSpan(b * sequence, sequence));
            }

            return new MiniLMInputs(sentences.Count, sequence, ids, mask, types);
        }
    }

    private static BertTokenizer LoadTokenizer()
    {
        var tokenizer = new BertTokenizer();
        using var vocab = File.OpenText(RealModels.MiniLMVocabPath);
        tokenizer.LoadVocabulary(vocab, convertInputToLowercase: true);
        return tokenizer;
    }
}
