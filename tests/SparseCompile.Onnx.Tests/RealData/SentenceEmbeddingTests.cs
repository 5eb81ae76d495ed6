using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>Mean pooling, cosine, and MiniLM's embeddings of real sentences in ONNX Runtime.</summary>
public class SentenceEmbeddingTests
{
    [Fact]
    public void MeanPoolAveragesUnmaskedTokensAndNormalises()
    {
        // batch 2, seq 3, hidden 2; the second sentence's last token is padding.
        float[] states = [1, 0, 3, 0, 100, 100, 0, 2, 0, 4, 100, 100];
        long[] mask = [1, 1, 1, 1, 1, 0];

        var pooled = SentenceEmbedding.MeanPool(states, mask, batch: 2, seq: 3, hidden: 2);

        var first = new[] { 104f / 3, 100f / 3 };
        double norm = Math.Sqrt((first[0] * first[0]) + (first[1] * first[1]));
        Assert.Equal(first[0] / norm, pooled[0][0], 5);
        Assert.Equal(first[1] / norm, pooled[0][1], 5);
        Assert.Equal([0f, 1f], pooled[1]);
    }

    [Fact]
    public void CosineOfKnownVectors()
    {
        Assert.Equal(1, SentenceEmbedding.Cosine([1, 2, 3], [2, 4, 6]), 12);
        Assert.Equal(0, SentenceEmbedding.Cosine([1, 0], [0, 5]), 12);
        Assert.Equal(-1, SentenceEmbedding.Cosine([1, 1], [-3, -3]), 12);
        Assert.Equal(0, SentenceEmbedding.Cosine([0, 0], [1, 1]));
    }

    [Fact]
    public void ParaphrasesAreCloserThanUnrelatedSentences()
    {
        var embeddings = SentenceEmbedding.Compute(RealModels.MiniLMPath,
        [
            "A man is playing a guitar.",
            "Someone plays an instrument.",
            "The stock market fell sharply today.",
        ]);

        Assert.All(embeddings, e => Assert.Equal(1.0, Math.Sqrt(e.Sum(v => (double)v * v)), 5));
        double paraphrase = SentenceEmbedding.Cosine(embeddings[0], embeddings[1]);
        double unrelated = SentenceEmbedding.Cosine(embeddings[0], embeddings[2]);
        Assert.True(paraphrase > unrelated + 0.2, $"paraphrase {paraphrase:F4}, unrelated {unrelated:F4}");
    }

    [Fact]
    public void PaddingDoesNotChangeAnEmbedding()
    {
        string sentence = Sentences.All[2];
        var alone = SentenceEmbedding.Compute(RealModels.MiniLMPath, [sentence])[0];
        var padded = SentenceEmbedding.Compute(RealModels.MiniLMPath, [sentence, Sentences.All[0]])[0];

        Assert.True(SentenceEmbedding.Cosine(alone, padded) > 0.9999);
    }
}
