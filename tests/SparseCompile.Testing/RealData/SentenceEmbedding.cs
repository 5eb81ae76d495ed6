namespace SparseCompile.Testing.RealData;

/// <summary>Sentence embeddings as sentence-transformers makes them from MiniLM: masked mean of the token states, L2-normalised.</summary>
public static class SentenceEmbedding
{
    /// <summary>MiniLM's hidden size.</summary>
    public const int Hidden = 384;

    /// <summary>
    /// Averages <paramref name="lastHiddenState"/> ([batch, seq, hidden]) over the tokens whose
    /// <paramref name="attentionMask"/> ([batch, seq]) is 1, then scales each vector to unit length.
    /// </summary>
    public static float[][] MeanPool(ReadOnlySpan<float> lastHiddenState, ReadOnlySpan<long> attentionMask, int batch, int seq, int hidden = Hidden)
    {
        if (lastHiddenState.Length != (long)batch * seq * hidden || attentionMask.Length != (long)batch * seq)
        {
            throw new ArgumentException($"Expected {batch}x{seq}x{hidden} states and {batch}x{seq} mask values, got {lastHiddenState.Length} and {attentionMask.Length}.");
        }

        var embeddings = new float[batch][];
        for (int b = 0; b < batch; b++)
        {
            var sum = new double[hidden];
            int count = 0;
            for (int t = 0; t < seq; t++)
            {
                if (attentionMask[(b * seq) + t] == 0)
                {
                    continue;
                }

                count++;
                var token = lastHiddenState.Slice(((b * seq) + t) * hidden, hidden);
                for (int h = 0; h < hidden; h++)
                {
                    sum[h] += token[h];
                }
            }

            embeddings[b] = Normalize(sum, Math.Max(count, 1));
        }

        return embeddings;
    }

    /// <summary>Embeds sentences with a MiniLM-like model (inputs input_ids, attention_mask, token_type_ids; output last_hidden_state) in ONNX Runtime.</summary>
    public static float[][] Compute(string modelPath, IReadOnlyList<string> sentences)
    {
        var inputs = MiniLMInputs.Tokenize(sentences);
        var outputs = OrtRunner.RunInt64(modelPath, inputs.Feeds);
        return MeanPool(outputs["last_hidden_state"], inputs.AttentionMask, inputs.Batch, inputs.Sequence);
    }

    /// <summary>The cosine of the angle between two vectors (0 when either is all zeros).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of different lengths: {a.Length} and {b.Length}.");
        }

        double dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    private static float[] Normalize(double[] sum, int count)
    {
        double norm = 0;
        foreach (double s in sum)
        {
            norm += (s / count) * (s / count);
        }

        norm = Math.Max(Math.Sqrt(norm), 1e-12);
        var vector = new float[sum.Length];
        for (int h = 0; h < sum.Length; h++)
        {
            vector[h] = (float)(sum[h] / count / norm);
        }

        return vector;
    }
}
