using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Tests.Masks.Support;

namespace SparseCompile.Compiler.Tests.Masks;

/// <summary>The in-memory model: MaskTensor and MaskSet.</summary>
public class MaskSetTests
{
    [Fact]
    public void KeepsOrderAndLooksUpByKey()
    {
        var a = new MaskTensor("a.weight", [2], [true, false]);
        var b = new MaskTensor("b.weight", [], [true]);
        var set = new MaskSet("masks.npz", [b, a]);

        Assert.Equal("masks.npz", set.SourcePath);
        Assert.Equal(2, set.Count);
        Assert.Equal(["b.weight", "a.weight"], set.Keys);
        Assert.Equal([b, a], set);
        Assert.Same(a, set["a.weight"]);
        Assert.True(set.Contains("b.weight"));
        Assert.False(set.TryGet("c.weight", out _));
        Assert.Throws<KeyNotFoundException>(() => set["c.weight"]);
    }

    [Fact]
    public void DuplicateKeysAreSC1108()
    {
        var e = MaskExpect.Error(MaskDiagnosticCodes.DuplicateMaskKey, "masks.npz",
            () => _ = new MaskSet("masks.npz", [new MaskTensor("w", [1], [true]), new MaskTensor("w", [1], [false])]), "w");
        Assert.Equal("w", e.Subject);
    }

    [Fact]
    public void KeysAreCaseSensitive()
    {
        var set = new MaskSet(null, [new MaskTensor("W", [1], [true]), new MaskTensor("w", [1], [false])]);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void MaskTensorSharesTheFlagsAndCopiesTheShape()
    {
        bool[] keep = [true, false, true, true, false, false];
        long[] shape = [2, 3];
        var mask = new MaskTensor("w", shape, keep);
        shape[0] = 99;

        Assert.Same(keep, mask.Keep);
        Assert.Equal([2L, 3], mask.Shape);
        Assert.Equal(2, mask.Rank);
        Assert.Equal(6, mask.ElementCount);
        Assert.Equal(3, mask.CountKept());
        Assert.NotSame(mask.ShapeArray(), mask.ShapeArray());
    }

    [Fact]
    public void MaskTensorValidates()
    {
        Assert.Throws<ArgumentException>(() => new MaskTensor("", [1], [true]));
        Assert.Throws<ArgumentException>(() => new MaskTensor("w", [-1], []));
        Assert.Throws<ArgumentException>(() => new MaskTensor("w", [2, 2], [true]));
        Assert.Throws<ArgumentException>(() => new MaskTensor("w", [], []));
        Assert.Equal(0, new MaskTensor("w", [0, 5], []).ElementCount);
    }
}
