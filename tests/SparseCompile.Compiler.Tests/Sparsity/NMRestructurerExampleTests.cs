using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class NMRestructurerExampleTests
{
    private const bool T = true;
    private const bool F = false;

    [Fact]
    public void MatMulWeightGroupsRunDownColumns()
    {
        // B [K=4, N=2], axis 0: each column is one group of 4.
        // Column 0: |1|, |-3|, |2|, |0.5| -> rows 1 and 2.
        // Column 1: |-5|, |2|, |2|, |-2| -> row 0, then the tie of 2s goes to the lowest row, 1.
        float[] w =
        [
            1, -5,
            -3, 2,
            2, 2,
            0.5f, -2,
        ];
        var result = NMRestructurer.Restructure(w, [4, 2], 0, NMPattern.TwoFour);
        Assert.True(result.IsApplicable);
        Assert.Equal(0, result.Axis);
        Assert.Equal(4, result.ReductionLength);
        Assert.Equal(2, result.GroupCount);
        Assert.Equal([F, T, T, T, T, F, F, F], result.Keep!);
        Assert.Equal(new RestructureStatistics(8, 8, 4, 4), result.Statistics);
        Assert.Equal(0.5, result.Statistics!.Density);
        Assert.Equal(0.5, result.Statistics.Retention);
        Assert.Equal(0.5, result.Statistics.HammingDistance);
    }

    [Fact]
    public void MatMulWeightWithAMaskKeepsOnlyMaskedCandidates()
    {
        // Same B; the mask prunes row 1 of column 0 and rows 0 and 3 of column 1.
        float[] w = [1, -5, -3, 2, 2, 2, 0.5f, -2];
        bool[] mask = [T, F, F, T, T, T, T, F];
        var result = NMRestructurer.Restructure(w, mask, [4, 2], 0, NMPattern.TwoFour);

        // Column 0 candidates rows 0, 2, 3 (|1|, |2|, |0.5|) -> rows 0 and 2. Column 1 candidates rows 1, 2 -> both.
        Assert.Equal([T, F, F, T, T, T, F, F], result.Keep!);
        Assert.Equal(new RestructureStatistics(8, 5, 4, 1), result.Statistics);
        Assert.Equal(0.8, result.Statistics!.Retention);
        Assert.Equal(1.0 / 8, result.Statistics.HammingDistance);
    }

    [Fact]
    public void ConvWeightTwoFourAlongInputChannels()
    {
        // W [O=2, C=8, 1, 1], axis 1: groups are channels 0-3 and 4-7 of each output channel.
        float[] w =
        [
            1, 2, 3, 4, -8, 7, -6, 5,                                                     // o = 0
            0, -0f, 0, 0, float.NaN, 1, float.PositiveInfinity, float.NegativeInfinity, // o = 1
        ];
        var result = NMRestructurer.Restructure(w, [2, 8, 1, 1], 1, NMPattern.TwoFour);
        Assert.Equal(4, result.GroupCount);

        // o = 0: {3, 4} and {-8, 7}. o = 1: all zeros tie -> channels 0, 1; NaN ranks first, +inf ties -inf -> channel 6.
        Assert.Equal(
            [F, F, T, T, T, T, F, F,
             T, T, F, F, T, F, T, F],
            result.Keep!);
    }

    [Fact]
    public void GemmTransBWeightGroupsRunAlongRows()
    {
        // B [N=2, K=8] with transB = 1, axis 1: contiguous groups of 4 along each row.
        float[] w =
        [
            0.1f, 0.9f, 0.8f, 0.2f, 1, 2, 3, 4,
            -1, -2, -3, -4, 4, 3, 2, 1,
        ];
        bool[] mask =
        [
            T, F, T, T, T, F, F, F,
            T, T, T, T, F, F, F, F,
        ];
        var result = NMRestructurer.Restructure(w, mask, [2, 8], 1, NMPattern.TwoFour);

        // Row 0: candidates 0.1, 0.8, 0.2 -> 0.8 and 0.2; the second group has one candidate, kept alone.
        // Row 1: {-3, -4}; the second group has no candidate.
        Assert.Equal(
            [F, F, T, T, T, F, F, F,
             F, F, T, T, F, F, F, F],
            result.Keep!);
        Assert.Equal(new RestructureStatistics(16, 8, 5, 3), result.Statistics);

        // Gemm with transB = 0 stores the same weight as [K, N] and groups along axis 0: same choice.
        var transposed = new float[16];
        var transposedMask = new bool[16];
        for (int n = 0; n < 2; n++)
        {
            for (int k = 0; k < 8; k++)
            {
                transposed[(k * 2) + n] = w[(n * 8) + k];
                transposedMask[(k * 2) + n] = mask[(n * 8) + k];
            }
        }

        var plain = NMRestructurer.Restructure(transposed, transposedMask, [8, 2], 0, NMPattern.TwoFour).Keep!;
        for (int n = 0; n < 2; n++)
        {
            for (int k = 0; k < 8; k++)
            {
                Assert.Equal(result.Keep![(n * 8) + k], plain[(k * 2) + n]);
            }
        }
    }

    [Fact]
    public void FourEightAlongTheLastAxis()
    {
        float[] w = [8, -1, 7, 2, -6, 3, 5, 4];
        var result = NMRestructurer.Restructure(w, [1, 8], -1, new NMPattern(4, 8));
        Assert.Equal(1, result.Axis);
        Assert.Equal([T, F, T, F, T, F, T, F], result.Keep!);
    }

    [Fact]
    public void IndivisibleReductionAxisIsNotApplicable()
    {
        var result = NMRestructurer.Restructure(new float[12], [2, 6, 1, 1], 1, NMPattern.TwoFour);
        Assert.False(result.IsApplicable);
        Assert.Contains("not a multiple of 4", result.NotApplicableReason, StringComparison.Ordinal);
        Assert.Null(result.Keep);
        Assert.Null(result.Statistics);
        Assert.Equal(0, result.GroupCount);

        // A caller buffer is left as it was.
        var keep = new bool[12];
        Array.Fill(keep, true);
        NMRestructurer.RestructureInto(new float[12], [2, 6, 1, 1], 1, NMPattern.TwoFour, keep);
        Assert.All(keep, Assert.True);
    }

    [Fact]
    public void EmptyTensorIsApplicableWithNoGroups()
    {
        var result = NMRestructurer.Restructure([], [0, 8], 1, NMPattern.TwoFour);
        Assert.True(result.IsApplicable);
        Assert.Empty(result.Keep!);
        Assert.Equal(new RestructureStatistics(0, 0, 0, 0), result.Statistics);
        Assert.Equal(0, result.Statistics!.Density);
        Assert.Equal(1, result.Statistics.Retention);
    }

    [Fact]
    public void NaNIsKeptOverEveryNumber()
    {
        float[] w = [float.PositiveInfinity, float.NaN, float.MaxValue, float.NaN];
        // Both NaNs outrank +inf; between the two NaNs the lower index wins.
        Assert.Equal([F, T, F, T], NMRestructurer.Restructure(w, [4], 0, NMPattern.TwoFour).Keep!);
        Assert.Equal([F, T, F, F], NMRestructurer.Restructure(w, [4], 0, new NMPattern(1, 4)).Keep!);
        Assert.Equal([T, T, F, T], NMRestructurer.Restructure(w, [4], 0, new NMPattern(3, 4)).Keep!);

        // Unless the mask prunes it.
        Assert.Equal([T, F, T, F], NMRestructurer.Restructure(w, [T, F, T, F], [4], 0, NMPattern.TwoFour).Keep!);
    }

    [Fact]
    public void RejectsMismatchedInputs()
    {
        Assert.Throws<ArgumentException>(() => NMRestructurer.Restructure(new float[7], [2, 4], 1, NMPattern.TwoFour));
        Assert.Throws<ArgumentException>(() => NMRestructurer.Restructure(new float[8], new bool[7], [2, 4], 1, NMPattern.TwoFour));
        Assert.Throws<ArgumentException>(() => NMRestructurer.RestructureInto(new float[8], [2, 4], 1, NMPattern.TwoFour, new bool[9]));
        Assert.Throws<ArgumentException>(() => NMRestructurer.Restructure(new float[8], [2, 4], 1, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => NMRestructurer.Restructure(new float[8], [2, 4], 2, NMPattern.TwoFour));

        // The keep buffer may be the mask itself, but not a shifted view of it.
        var buffer = new bool[9];
        Assert.Throws<ArgumentException>(() =>
            NMRestructurer.RestructureInto(new float[8], buffer.AsSpan(0, 8), [2, 4], 1, NMPattern.TwoFour, buffer.AsSpan(1, 8)));
    }
}
