using CsCheck;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Compiler.Sparsity;
using SparseCompile.Compiler.Tests.Pipeline;

namespace SparseCompile.Compiler.Tests.Quantization;

public class PerChannelQuantizerPropertyTests
{
    private const int Iterations = 300;

    /// <summary>Shapes of rank 1 to 3, a channel axis, and finite values of very different magnitudes, with zeros.</summary>
    private static readonly Gen<(long[] Dims, int Axis, float[] Values)> Case =
        from rank in Gen.Int[1, 3]
        from dims in Gen.Int[1, 9].Array[rank]
        from axis in Gen.Int[0, rank - 1]
        from seed in Gen.Int
        from exponent in Gen.Int[-40, 30]
        from zeroPercent in Gen.OneOf(Gen.Const(0), Gen.Const(50), Gen.Const(100))
        let count = dims.Aggregate(1, (a, d) => a * d)
        select (dims.Select(d => (long)d).ToArray(), axis, Values(seed, count, MathF.Pow(10, exponent), zeroPercent));

    [Fact]
    public void RoundTripErrorIsAtMostHalfAStepAndZerosStayZero()
    {
        Case.Sample(c =>
        {
            var q = PerChannelQuantizer.Quantize(c.Values, c.Dims, c.Axis, "w");
            Assert.Equal((int)c.Dims[c.Axis], q.Scales.Length);
            for (int i = 0; i < c.Values.Length; i++)
            {
                float scale = q.Scales[q.ChannelOf(i)];
                Assert.True(scale > 0 && float.IsFinite(scale));
                Assert.InRange(q.Values[i], -127, 127);
                double error = Math.Abs(c.Values[i] - ((double)q.Values[i] * scale));
                Assert.True(error <= (scale / 2.0 * (1 + 1e-6)) + 1e-45, $"element {i}: {c.Values[i]} -> {q.Values[i]} * {scale}, error {error}");
                if (c.Values[i] == 0)
                {
                    Assert.Equal(0, q.Values[i]);
                }
                else
                {
                    Assert.True(q.Values[i] == 0 || Math.Sign(q.Values[i]) == Math.Sign(c.Values[i]));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void TheLargestMagnitudeOfEveryNonZeroChannelUsesTheFullRange()
    {
        Case.Sample(c =>
        {
            var q = PerChannelQuantizer.Quantize(c.Values, c.Dims, c.Axis, "w");
            var largest = new int[q.Scales.Length];
            var maxAbs = new float[q.Scales.Length];
            for (int i = 0; i < c.Values.Length; i++)
            {
                int channel = q.ChannelOf(i);
                largest[channel] = Math.Max(largest[channel], Math.Abs((int)q.Values[i]));
                maxAbs[channel] = Math.Max(maxAbs[channel], Math.Abs(c.Values[i]));
            }

            for (int channel = 0; channel < largest.Length; channel++)
            {
                if (maxAbs[channel] == 0)
                {
                    Assert.Equal(1f, q.Scales[channel]);
                }
                else if (maxAbs[channel] > 1e-30f)
                {
                    Assert.Equal(127, largest[channel]);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void NMSparseWeightsStayNMSparseInInt8()
    {
        // MatMul weights [K, N]: N:M groups along K (axis 0), scales per output column N (axis 1).
        var gen =
            from pattern in Gen.OneOf(Gen.Const(NMPattern.TwoFour), Gen.Const(new NMPattern(1, 4)), Gen.Const(new NMPattern(4, 8)), Gen.Const(new NMPattern(3, 8)))
            from groups in Gen.Int[1, 6]
            from n in Gen.Int[1, 12]
            from seed in Gen.Int
            select (pattern, Dims: new long[] { groups * pattern.M, n }, seed);
        gen.Sample(c =>
        {
            var values = Values(c.seed, (int)(c.Dims[0] * c.Dims[1]), 1f, zeroPercent: 0);
            var keep = NMRestructurer.Restructure(values, c.Dims, 0, c.pattern).Keep!;
            MaskApplier.Apply(values, keep);
            Assert.True(NMSparsityChecker.Check(values, c.Dims, 0, c.pattern).IsCompliant);

            var q = PerChannelQuantizer.Quantize(values, c.Dims, 1, "w");

            CompileAssertions.AssertNM(q.Values.Select(v => (float)v).ToArray(), c.Dims, 0, c.pattern.N, c.pattern.M);
            Assert.Equal(0, SparsityGuard.CountViolatingGroups(q.Values, c.Dims, 0, c.pattern, out long groupCount));
            Assert.Equal(c.Dims[0] / c.pattern.M * c.Dims[1], groupCount);
            SparsityGuard.EnsureNMKept(q.Values, c.Dims, 0, c.pattern, "w");
            SparsityGuard.EnsureZerosKept(values, q.Values, "w");
        }, iter: Iterations);
    }

    private static float[] Values(int seed, int count, float magnitude, int zeroPercent)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.Next(100) < zeroPercent ? 0f : (float)(((random.NextDouble() * 2) - 1) * magnitude);
        }

        return values;
    }
}
