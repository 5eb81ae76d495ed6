using SparseCompile.Compiler.Analysis;
using SparseCompile.Onnx.IO;
using SparseCompile.Onnx.Tensors;
using SparseCompile.Testing;

namespace SparseCompile.Compiler.Tests.Analysis;

public class NMSparsityCheckerTests
{
    [Fact]
    public void MatMulWeightGroupsRunDownColumns()
    {
        // [K=8, N=2], axis 0. Column 0: rows 0,1 and 4,5 nonzero (2 per group); column 1: rows 0,1,2 nonzero (3 in group 0).
        float[,] w =
        {
            { 1, 1 },
            { 1, 1 },
            { 0, 1 },
            { 0, 0 },
            { 1, 0 },
            { 1, 0 },
            { 0, 0 },
            { 0, 0 },
        };
        var result = NMSparsityChecker.Check(Flatten(w), [8, 2], 0, NMPattern.TwoFour);
        Assert.True(result.IsApplicable);
        Assert.Equal(0, result.Axis);
        Assert.Equal(8, result.ReductionLength);
        Assert.Equal(4, result.GroupCount);
        Assert.Equal(1, result.ViolatingGroupCount);
        Assert.False(result.IsCompliant);
        Assert.Equal(16, result.ElementCount);
        Assert.Equal(9, result.ZeroCount);
        Assert.Equal(9.0 / 16, result.ZeroFraction);
    }

    [Fact]
    public void SameValuesGroupDifferentlyAlongTheOtherAxis()
    {
        // [4, 8]: each row is 2:4 along axis 1, but along axis 0 column 0 has 4 nonzeros.
        float[,] w =
        {
            { 1, 1, 0, 0, 1, 0, 1, 0 },
            { 1, 0, 1, 0, 0, 1, 0, 1 },
            { 1, 0, 0, 1, 1, 1, 0, 0 },
            { 1, 1, 0, 0, 0, 0, 1, 1 },
        };
        var alongRows = NMSparsityChecker.Check(Flatten(w), [4, 8], 1, NMPattern.TwoFour);
        Assert.True(alongRows.IsCompliant);
        Assert.Equal(8, alongRows.GroupCount);

        var alongColumns = NMSparsityChecker.Check(Flatten(w), [4, 8], 0, NMPattern.TwoFour);
        Assert.Equal(8, alongColumns.GroupCount);
        Assert.Equal(1, alongColumns.ViolatingGroupCount); // only column 0 has more than 2
        Assert.False(alongColumns.IsCompliant);
    }

    [Fact]
    public void ConvWeightTwoFourAlongChannelsIsNotTwoFourAlongTheLastAxis()
    {
        // W [O=2, C=4, kh=1, kw=4]: nonzero only for channels 0 and 1, at every kernel position.
        long[] dims = [2, 4, 1, 4];
        var values = Fill(dims, index => index[1] < 2 ? 0.5f : 0f);

        var alongChannels = NMSparsityChecker.Check(values, dims, 1, NMPattern.TwoFour);
        Assert.True(alongChannels.IsApplicable);
        Assert.Equal(2 * 1 * 4, alongChannels.GroupCount); // one group per (o, kh, kw)
        Assert.Equal(0, alongChannels.ViolatingGroupCount);
        Assert.True(alongChannels.IsCompliant);

        // Along the flattened last axis (kw), channels 0 and 1 have 4 nonzeros in their group.
        var alongLastAxis = NMSparsityChecker.Check(values, dims, 3, NMPattern.TwoFour);
        Assert.Equal(2 * 4 * 1, alongLastAxis.GroupCount);
        Assert.Equal(2 * 2, alongLastAxis.ViolatingGroupCount);
        Assert.False(alongLastAxis.IsCompliant);
    }

    [Fact]
    public void ConvWeightTwoFourAlongTheLastAxisIsNotTwoFourAlongChannels()
    {
        long[] dims = [2, 4, 1, 4];
        var values = Fill(dims, index => index[3] < 2 ? -1f : 0f);

        var alongLastAxis = NMSparsityChecker.Check(values, dims, -1, NMPattern.TwoFour);
        Assert.True(alongLastAxis.IsCompliant);

        var alongChannels = NMSparsityChecker.Check(values, dims, 1, NMPattern.TwoFour);
        Assert.Equal(8, alongChannels.GroupCount);
        Assert.Equal(2 * 2, alongChannels.ViolatingGroupCount); // (o, kw < 2) groups have 4 nonzeros
        Assert.Equal(0.5, alongChannels.ZeroFraction);
    }

    [Fact]
    public void ConvWeightWithKernelPositionsCountsEachPositionSeparately()
    {
        // W [O=1, C=8, kh=3, kw=3]: two groups along C per kernel position; make only position (1, 2) of group 1 violate.
        long[] dims = [1, 8, 3, 3];
        var values = Fill(dims, index =>
        {
            int c = (int)index[1];
            bool kept = c % 4 < 2 || (c >= 4 && index[2] == 1 && index[3] == 2 && c == 6);
            return kept ? 1f : 0f;
        });

        var result = NMSparsityChecker.Check(values, dims, 1, NMPattern.TwoFour);
        Assert.Equal(2 * 9, result.GroupCount);
        Assert.Equal(1, result.ViolatingGroupCount);
    }

    [Fact]
    public void BatchedMatMulWeightOfRankThree()
    {
        // B [2, 8, 3] reduces over axis 1 (K): batch 0 is 2:4 along K, batch 1 has one column with 3 nonzeros in a group.
        long[] dims = [2, 8, 3];
        var values = Fill(dims, index =>
        {
            long b = index[0], k = index[1], n = index[2];
            bool kept = k % 4 == n % 4 || k % 4 == (n + 1) % 4 || (b == 1 && n == 2 && k == 4);
            return kept ? 1f : 0f;
        });

        var result = NMSparsityChecker.Check(values, dims, 1, NMPattern.TwoFour);
        Assert.Equal(8, result.ReductionLength);
        Assert.Equal(2 * 2 * 3, result.GroupCount);
        Assert.Equal(1, result.ViolatingGroupCount);
    }

    [Fact]
    public void FourEightAllowsUnevenSplitsThatTwoFourRejects()
    {
        // Along axis 1 of [1, 8]: 4 nonzeros in the first half, none in the second: 4:8 yes, 2:4 no.
        float[] values = [1, 1, 1, 1, 0, 0, 0, 0];
        Assert.True(NMSparsityChecker.Check(values, [1, 8], 1, new NMPattern(4, 8)).IsCompliant);
        var twoFour = NMSparsityChecker.Check(values, [1, 8], 1, NMPattern.TwoFour);
        Assert.Equal(2, twoFour.GroupCount);
        Assert.Equal(1, twoFour.ViolatingGroupCount);

        float[] five = [1, 1, 1, 1, 1, 0, 0, 0];
        var fourEight = NMSparsityChecker.Check(five, [1, 8], 1, new NMPattern(4, 8));
        Assert.Equal(1, fourEight.GroupCount);
        Assert.Equal(1, fourEight.ViolatingGroupCount);
    }

    [Fact]
    public void LengthNotAMultipleOfMIsNotApplicable()
    {
        // A first Conv over RGB: W [8, 3, 3, 3], C = 3.
        long[] dims = [8, 3, 3, 3];
        var values = Fill(dims, index => index[1] == 0 ? 0f : 1f);
        var result = NMSparsityChecker.Check(values, dims, 1, NMPattern.TwoFour);
        Assert.False(result.IsApplicable);
        Assert.False(result.IsCompliant);
        Assert.Contains("length 3", result.NotApplicableReason);
        Assert.Contains("multiple of 4", result.NotApplicableReason);
        Assert.Equal(0, result.GroupCount);
        Assert.Equal(0, result.ViolatingGroupCount);
        Assert.Equal(1.0 / 3, result.ZeroFraction, 12);

        Assert.False(NMSparsityChecker.Check(new float[12], [12, 1], 0, new NMPattern(4, 8)).IsApplicable);
        Assert.True(NMSparsityChecker.Check(new float[12], [12, 1], 0, NMPattern.TwoFour).IsCompliant);
    }

    [Fact]
    public void NegativeZeroIsZeroAndNaNIsNot()
    {
        float[] values = [-0f, float.NaN, 0f, 0f];
        var result = NMSparsityChecker.Check(values, [4], 0, new NMPattern(1, 4));
        Assert.Equal(3, result.ZeroCount);
        Assert.True(result.IsCompliant);
        var strict = NMSparsityChecker.Check([1f, float.NaN, 0f, 0f], [4], 0, new NMPattern(1, 4));
        Assert.Equal(1, strict.ViolatingGroupCount);
    }

    [Fact]
    public void EmptyTensorIsTriviallyCompliant()
    {
        var result = NMSparsityChecker.Check(ReadOnlySpan<float>.Empty, [0, 4], 1, NMPattern.TwoFour);
        Assert.True(result.IsCompliant);
        Assert.Equal(0, result.GroupCount);
        Assert.Equal(0, result.ZeroFraction);
    }

    [Fact]
    public void RejectsValuesThatDoNotFillTheShape()
    {
        Assert.Throws<ArgumentException>(() => NMSparsityChecker.Check(new float[7], [2, 4], 0, NMPattern.TwoFour));
        Assert.Throws<ArgumentOutOfRangeException>(() => NMSparsityChecker.Check(new float[8], [2, 4], 2, NMPattern.TwoFour));
    }

    public static TheoryData<long[], int, int, int, double> RandomCases() => new()
    {
        { new long[] { 8, 12 }, 0, 2, 4, 0.5 },
        { new long[] { 8, 12 }, 1, 2, 4, 0.5 },
        { new long[] { 12, 8, 3, 3 }, 1, 2, 4, 0.6 },
        { new long[] { 12, 8, 3, 3 }, 3, 1, 3, 0.7 },
        { new long[] { 3, 16, 5 }, 1, 4, 8, 0.5 },
        { new long[] { 3, 16, 5 }, -2, 2, 4, 0.3 },
        { new long[] { 2, 3, 4, 5, 8 }, 4, 2, 4, 0.55 },
        { new long[] { 7, 6 }, 1, 2, 4, 0.5 }, // not applicable
        { new long[] { 32 }, 0, 1, 2, 0.8 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void AgreesWithABruteForceReference(long[] dims, int axis, int n, int m, double zeroProbability)
    {
        var random = new Random(dims.Aggregate(17, (h, d) => (h * 31) + (int)d) + axis);
        var values = Fill(dims, _ => random.NextDouble() < zeroProbability ? 0f : (float)random.NextDouble() + 0.1f);
        var pattern = new NMPattern(n, m);
        var result = NMSparsityChecker.Check(values, dims, axis, pattern);
        var (groups, violating, applicable) = BruteForce(values, dims, axis < 0 ? axis + dims.Length : axis, pattern);
        Assert.Equal(applicable, result.IsApplicable);
        Assert.Equal(applicable ? groups : 0, result.GroupCount);
        Assert.Equal(applicable ? violating : 0, result.ViolatingGroupCount);
        Assert.Equal(values.Count(v => v == 0), result.ZeroCount);
    }

    [Fact]
    public void ChecksDecodedTensorsOfAnyFloatType()
    {
        long[] dims = [8, 2];
        Half[] halves = Fill(dims, index => index[0] % 4 < 2 ? 1f : 0f).Select(v => (Half)v).ToArray();
        var builder = new OnnxBuilder();
        builder.Initializer("w16", dims, halves);
        builder.Encoding = TensorEncoding.Typed;
        builder.Initializer("w64", dims, halves.Select(h => (double)h).ToArray());
        using var model = builder.BuildModel();

        var half = NMSparsityChecker.Check(model.ReadInitializer("w16"), 0, NMPattern.TwoFour);
        Assert.True(half.IsCompliant);
        Assert.Equal(0.5, half.ZeroFraction);
        var dbl = NMSparsityChecker.Check(model.ReadInitializer("w64"), 0, new NMPattern(4, 8));
        Assert.True(dbl.IsCompliant);
        Assert.False(NMSparsityChecker.Check(model.ReadInitializer("w64"), 1, new NMPattern(1, 2)).IsCompliant);
    }

    private static float[] Flatten(float[,] values) => values.Cast<float>().ToArray();

    /// <summary>Values of a row-major tensor from a function of the multi-index.</summary>
    private static float[] Fill(long[] dims, Func<long[], float> value)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var result = new float[count];
        for (long flat = 0; flat < count; flat++)
        {
            result[flat] = value(Unflatten(flat, dims));
        }

        return result;
    }

    private static long[] Unflatten(long flat, long[] dims)
    {
        var index = new long[dims.Length];
        for (int d = dims.Length - 1; d >= 0; d--)
        {
            index[d] = flat % dims[d];
            flat /= dims[d];
        }

        return index;
    }

    /// <summary>Groups elements by (every other coordinate, coordinate along the axis / M) from multi-indices alone.</summary>
    private static (long Groups, long Violating, bool Applicable) BruteForce(float[] values, long[] dims, int axis, NMPattern pattern)
    {
        long whole = dims[axis] / pattern.M * pattern.M;
        var nonzeros = new Dictionary<string, int>();
        for (long flat = 0; flat < values.Length; flat++)
        {
            long[] index = Unflatten(flat, dims);
            if (index[axis] >= whole)
            {
                continue;
            }

            long group = index[axis] / pattern.M;
            index[axis] = -1;
            string key = string.Join(",", index) + "/" + group;
            nonzeros[key] = nonzeros.GetValueOrDefault(key) + (values[flat] != 0 ? 1 : 0);
        }

        return (nonzeros.Count, nonzeros.Values.Count(c => c > pattern.N), dims[axis] % pattern.M == 0);
    }
}
