using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class MaskDistanceTests
{
    private const bool T = true;
    private const bool F = false;

    [Fact]
    public void HammingIsTheFractionOfDifferingPositions()
    {
        Assert.Equal(0.5, MaskDistance.Hamming([T, F, T, F], [T, T, F, F]));
        Assert.Equal(0, MaskDistance.Hamming([T, F], [T, F]));
        Assert.Equal(1, MaskDistance.Hamming([T, F], [F, T]));
        Assert.Equal(0, MaskDistance.Hamming([], []));
        Assert.Throws<ArgumentException>(() => MaskDistance.Hamming([T], [T, F]));
    }

    [Fact]
    public void LongMasksCountEveryDifference()
    {
        // Longer than one 32-byte vector step, with a tail.
        var a = SparsityGen.Mask(1, 1000, 50);
        var b = SparsityGen.Mask(2, 1000, 50);
        long expected = a.Zip(b).Count(p => p.First != p.Second);
        Assert.Equal(expected, MaskDistance.CountDifferent(a, b));
        Assert.Equal(expected / 1000.0, MaskDistance.Hamming(a, b));
    }

    [Fact]
    public void SetsArePerTensorAndOverallWeightedByCount()
    {
        var left = new Dictionary<string, bool[]> { ["a"] = [T, F, T, F], ["b"] = [T, T, T, F, F, F], ["e"] = [] };
        var right = new Dictionary<string, bool[]> { ["e"] = [], ["b"] = [T, T, T, F, F, F], ["a"] = [F, T, T, F] };
        var distance = MaskDistance.Compare(left, right);
        Assert.Equal(0.5, distance.PerTensor["a"]);
        Assert.Equal(0, distance.PerTensor["b"]);
        Assert.Equal(0, distance.PerTensor["e"]);
        Assert.Equal(10, distance.ElementCount);
        Assert.Equal(2, distance.DifferingCount);
        Assert.Equal(0.2, distance.Overall);
    }

    [Fact]
    public void SetsMustMatch()
    {
        var one = new Dictionary<string, bool[]> { ["a"] = [T, F] };
        Assert.Throws<ArgumentException>(() => MaskDistance.Compare(one, new Dictionary<string, bool[]> { ["b"] = [T, F] }));
        Assert.Throws<ArgumentException>(() => MaskDistance.Compare(one, new Dictionary<string, bool[]> { ["a"] = [T] }));
        Assert.Throws<ArgumentException>(() => MaskDistance.Compare(one, new Dictionary<string, bool[]> { ["a"] = [T, F], ["b"] = [] }));
    }
}
