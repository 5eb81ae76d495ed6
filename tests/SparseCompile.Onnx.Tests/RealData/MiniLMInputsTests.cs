using SparseCompile.Testing.RealData;

namespace SparseCompile.Onnx.Tests.RealData;

/// <summary>Tokenizing for MiniLM: BERT uncased WordPiece, [CLS] ... [SEP], padded to the longest sentence.</summary>
public class MiniLMInputsTests
{
    [Fact]
    public void HelloWorldIsClsHelloWorldSep()
    {
        var inputs = MiniLMInputs.Tokenize(["Hello world"]);

        Assert.Equal([1, 4], inputs.Dims);
        Assert.Equal([101, 7592, 2088, 102], inputs.InputIds);
        Assert.Equal([1, 1, 1, 1], inputs.AttentionMask);
        Assert.Equal([0, 0, 0, 0], inputs.TokenTypeIds);
    }

    [Fact]
    public void BatchIsPaddedToItsLongestSentence()
    {
        var inputs = MiniLMInputs.Tokenize(["Hello world", "HELLO, wonderful world!"]);

        // hello , wonderful world ! → 5 tokens + [CLS] + [SEP].
        Assert.Equal([2, 7], inputs.Dims);
        Assert.Equal([101, 7592, 2088, 102, 0, 0, 0], inputs.InputIds[..7]);
        Assert.Equal([1, 1, 1, 1, 0, 0, 0], inputs.AttentionMask[..7]);
        Assert.Equal(101, inputs.InputIds[7]);
        Assert.Equal(102, inputs.InputIds[^1]);
        Assert.All(inputs.AttentionMask[7..], m => Assert.Equal(1, m));
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], inputs.Feeds.Keys);
    }

    [Fact]
    public void LongSentencesAreCutAt128TokensEndingInSep()
    {
        string longSentence = string.Join(' ', Enumerable.Repeat("word", 300));

        var inputs = MiniLMInputs.Tokenize([longSentence, "Short."]);

        Assert.Equal([2, MiniLMInputs.MaxLength], inputs.Dims);
        Assert.Equal(102, inputs.InputIds[MiniLMInputs.MaxLength - 1]);
    }

    [Fact]
    public void WholeCorpusTokenizesWithinTheLimit()
    {
        var inputs = MiniLMInputs.Tokenize(Sentences.All);

        Assert.Equal(100, inputs.Batch);
        Assert.InRange(inputs.Sequence, 10, MiniLMInputs.MaxLength);
        Assert.DoesNotContain(100L, inputs.InputIds); // [UNK]: the vocabulary covers plain English.
    }
}
