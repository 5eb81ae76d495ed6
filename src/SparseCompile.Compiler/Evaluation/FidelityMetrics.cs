namespace SparseCompile.Compiler.Evaluation;

/// <summary>The measures of how closely a candidate model's outputs follow a reference's, on flat float vectors.</summary>
public static class FidelityMetrics
{
    /// <summary>
    /// The cosine of the angle between <paramref name="a"/> and <paramref name="b"/>, accumulated in double: 1 for
    /// identical directions (and for two all-zero vectors, which are identical), 0 for orthogonal vectors or when only
    /// one is all zeros, NaN when either holds NaN or an infinity.
    /// </summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        CheckLengths(a, b);
        double dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        if (!double.IsFinite(dot) || !double.IsFinite(normA) || !double.IsFinite(normB))
        {
            return double.NaN;
        }

        if (normA == 0 || normB == 0)
        {
            return normA == normB ? 1 : 0;
        }

        return Math.Clamp(dot / Math.Sqrt(normA * normB), -1, 1);
    }

    /// <summary>The largest |a[i] - b[i]|; NaN when a difference is NaN.</summary>
    public static double MaxAbsError(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        CheckLengths(a, b);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double error = Math.Abs((double)a[i] - b[i]);
            if (double.IsNaN(error))
            {
                return double.NaN;
            }

            max = Math.Max(max, error);
        }

        return max;
    }

    /// <summary>The index of the largest value (the first when tied; NaN never wins); -1 for an empty span.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]) && (best < 0 || values[i] > values[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// How many rows of two [rows, classes] score matrices have the same top-1 class.
    /// </summary>
    public static int Top1Agreements(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate, int rows, int classes)
    {
        CheckLengths(reference, candidate);
        if ((long)rows * classes != reference.Length)
        {
            throw new ArgumentException($"{rows} rows of {classes} classes do not fill {reference.Length} values.", nameof(rows));
        }

        int agree = 0;
        for (int r = 0; r < rows; r++)
        {
            if (ArgMax(reference.Slice(r * classes, classes)) == ArgMax(candidate.Slice(r * classes, classes)))
            {
                agree++;
            }
        }

        return agree;
    }

    /// <summary>
    /// Sentence embeddings as sentence-transformers makes them: the mean of the token states of
    /// <paramref name="states"/> ([batch, seq, hidden]) whose <paramref name="mask"/> ([batch, seq]) is nonzero, per row.
    /// Not normalized (cosines do not need it); a row without tokens is all zeros.
    /// </summary>
    public static float[][] MeanPool(ReadOnlySpan<float> states, ReadOnlySpan<long> mask, int batch, int seq, int hidden)
    {
        if ((long)batch * seq * hidden != states.Length || (long)batch * seq != mask.Length)
        {
            throw new ArgumentException($"Expected {batch}x{seq}x{hidden} states and {batch}x{seq} mask values, got {states.Length} and {mask.Length}.");
        }

        var pooled = new float[batch][];
        for (int b = 0; b < batch; b++)
        {
            var sum = new double[hidden];
            int count = 0;
            for (int t = 0; t < seq; t++)
            {
                if (mask[(b * seq) + t] == 0)
                {
                    continue;
                }

                count++;
                var token = states.Slice(((b * seq) + t) * hidden, hidden);
                for (int h = 0; h < hidden; h++)
                {
                    sum[h] += token[h];
                }
            }

            pooled[b] = Array.ConvertAll(sum, s => (float)(s / Math.Max(count, 1)));
        }

        return pooled;
    }

    private static void CheckLengths(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of different lengths: {a.Length} and {b.Length}.");
        }
    }
}
