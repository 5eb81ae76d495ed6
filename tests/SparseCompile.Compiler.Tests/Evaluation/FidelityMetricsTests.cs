using SparseCompile.Compiler.Evaluation;

namespace SparseCompile.Compiler.Tests.Evaluation;

public sealed class FidelityMetricsTests
{
    [Fact]
    public void CosineOfHandMadeVectors()
    {
        float[] a = [1, 2, 3, -4];
        Assert.Equal(1, FidelityMetrics.Cosine(a, a), 12);
        Assert.Equal(1, FidelityMetrics.Cosine(a, a.Select(v => v * 7.5f).ToArray()), 12);
        Assert.Equal(-1, FidelityMetrics.Cosine(a, a.Select(v => -v).ToArray()), 12);
        Assert.Equal(0, FidelityMetrics.Cosine([1, 0, 0], [0, 5, 0]));
        Assert.Equal(0.5, FidelityMetrics.Cosine([1, 0], [1, MathF.Sqrt(3)]), 6);
        Assert.Equal(1, FidelityMetrics.Cosine([0, 0], [0, 0]));
        Assert.Equal(0, FidelityMetrics.Cosine([0, 0], [0, 1]));
        Assert.True(double.IsNaN(FidelityMetrics.Cosine([1, float.NaN], [1, 1])));
        Assert.Throws<ArgumentException>(() => FidelityMetrics.Cosine([1], [1, 2]));
    }

    [Fact]
    public void MaxAbsErrorAndTop1()
    {
        Assert.Equal(0, FidelityMetrics.MaxAbsError([1, 2], [1, 2]));
        Assert.Equal(2.5, FidelityMetrics.MaxAbsError([1, 2, 3], [1, -0.5f, 3.5f]), 6);
        Assert.Equal(2, FidelityMetrics.ArgMax([0.1f, 0.2f, 0.9f, 0.9f]));
        Assert.Equal(1, FidelityMetrics.ArgMax([float.NaN, -1f]));

        // Three rows of four classes: rows 0 and 2 agree, row 1 does not.
        float[] reference = [0, 1, 0, 0, /**/ 5, 0, 0, 0, /**/ 0, 0, 0, 9];
        float[] candidate = [0, 2, 1, 0, /**/ 0, 0, 6, 0, /**/ 1, 1, 1, 3];
        Assert.Equal(2, FidelityMetrics.Top1Agreements(reference, candidate, 3, 4));
    }

    [Fact]
    public void MeanPoolAveragesOnlyMaskedTokens()
    {
        // batch 1, seq 3, hidden 2; the last token is padding.
        float[] states = [1, 2, 3, 4, 100, 100];
        var pooled = FidelityMetrics.MeanPool(states, [1, 1, 0], 1, 3, 2);
        Assert.Equal([2f, 3f], pooled[0]);
    }
}
