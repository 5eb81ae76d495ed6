using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>The committed sentence corpus.</summary>
public class SentencesTests
{
    [Fact]
    public void CorpusHasOneHundredDistinctSentencesSplitSixtyForty()
    {
        Assert.Equal(100, Sentences.All.Count);
        Assert.Equal(100, Sentences.All.Distinct().Count());
        Assert.Equal(60, Sentences.Calibration.Count);
        Assert.Equal(40, Sentences.Holdout.Count);
        Assert.Equal(Sentences.All, Sentences.Calibration.Concat(Sentences.Holdout));
        Assert.StartsWith("It is a truth universally acknowledged", Sentences.All[0], StringComparison.Ordinal);
        Assert.All(Sentences.All, s =>
        {
            Assert.InRange(s.Split(' ').Length, 8, 30);
            Assert.Contains(s[^1], ".!?");
        });
    }
}
