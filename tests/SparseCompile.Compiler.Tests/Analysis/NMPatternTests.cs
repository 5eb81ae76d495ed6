using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Tests.Analysis;

public class NMPatternTests
{
    [Theory]
    [InlineData("2:4", 2, 4)]
    [InlineData("4:8", 4, 8)]
    [InlineData("1:2", 1, 2)]
    [InlineData("16:32", 16, 32)]
    public void ParsesValidPatterns(string text, int n, int m)
    {
        var pattern = NMPattern.Parse(text);
        Assert.Equal(n, pattern.N);
        Assert.Equal(m, pattern.M);
        Assert.Equal(text, pattern.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("2:")]
    [InlineData(":4")]
    [InlineData("4:2")]
    [InlineData("4:4")]
    [InlineData("0:4")]
    [InlineData("1:1")]
    [InlineData("-2:4")]
    [InlineData(" 2:4")]
    [InlineData("a:b")]
    [InlineData("2:4:8")]
    public void RejectsInvalidPatterns(string text)
    {
        Assert.False(NMPattern.TryParse(text, out _));
        Assert.Throws<FormatException>(() => NMPattern.Parse(text));
    }

    [Fact]
    public void ConstructorValidates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NMPattern(4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NMPattern(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NMPattern(1, 1));
    }

    [Fact]
    public void TwoFourIsHalfSparse()
    {
        Assert.Equal(new NMPattern(2, 4), NMPattern.TwoFour);
        Assert.Equal(0.5, NMPattern.TwoFour.Sparsity);
        Assert.Equal(0.5, new NMPattern(4, 8).Sparsity);
        Assert.Equal(0.75, new NMPattern(1, 4).Sparsity);
    }
}
