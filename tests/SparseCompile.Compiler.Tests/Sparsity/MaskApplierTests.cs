using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class MaskApplierTests
{
    [Fact]
    public void ZeroesTheDroppedAndKeepsTheRestBitForBit()
    {
        float[] weights = [1, -2, float.NaN, -0f, float.PositiveInfinity, 3, float.NaN, 7, 8, -9, 10];
        bool[] keep = [true, false, true, true, false, true, false, true, true, false, true];
        float[] expected = [1, 0, float.NaN, -0f, 0, 3, 0, 7, 8, 0, 10];
        var output = new float[weights.Length];
        MaskApplier.Apply(weights, keep, output);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), output.Select(BitConverter.SingleToInt32Bits));

        MaskApplier.Apply(weights, keep);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), weights.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void RejectsMismatchedOrShiftedBuffers()
    {
        Assert.Throws<ArgumentException>(() => MaskApplier.Apply(new float[4], new bool[3]));
        Assert.Throws<ArgumentException>(() => MaskApplier.Apply(new float[4], new bool[4], new float[5]));
        var buffer = new float[20];
        Assert.Throws<ArgumentException>(() => MaskApplier.Apply(buffer.AsSpan(0, 16), new bool[16], buffer.AsSpan(4, 16)));
    }
}
