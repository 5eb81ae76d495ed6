using CsCheck;
using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Tests.Sparsity;

/// <summary>CsCheck generators for the sparsity property tests.</summary>
internal static class SparsityGen
{
    /// <summary>Any N:M with M up to 8, with 2:4 drawn about half of the time.</summary>
    public static readonly Gen<NMPattern> Pattern = Gen.Frequency(
        (5, Gen.Const(NMPattern.TwoFour)),
        (1, Gen.Int[1, 3].Select(n => new NMPattern(n, 4))),
        (4, Gen.Int[2, 8].SelectMany(m => Gen.Int[1, m - 1].Select(n => new NMPattern(n, m)))));

    /// <summary>
    /// Weights whose values collide often (small integers, ±0, ±∞, NaN) or spread widely (random floats),
    /// so ties and the NaN rule are exercised. Values are built from a seed to keep large arrays cheap.
    /// </summary>
    public static float[] Values(int seed, int count, int style)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = style switch
            {
                0 => random.Next(-3, 4),
                1 => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6))),
                _ => random.Next(12) switch
                {
                    0 => float.NaN,
                    1 => float.PositiveInfinity,
                    2 => float.NegativeInfinity,
                    3 => -0f,
                    4 => 0f,
                    5 => BitConverter.Int32BitsToSingle(unchecked((int)0xFFC12345)), // a NaN with sign and payload
                    6 => float.Epsilon,
                    _ => random.Next(-2, 3),
                },
            };
        }

        return values;
    }

    /// <summary>A mask keeping about <paramref name="percent"/>% of the positions.</summary>
    public static bool[] Mask(int seed, int count, int percent)
    {
        var random = new Random(seed);
        var mask = new bool[count];
        for (int i = 0; i < count; i++)
        {
            mask[i] = random.Next(100) < percent;
        }

        return mask;
    }

    /// <summary>
    /// Shapes of rank 1 to 4 whose axis length is a multiple of M (about 1 in 10 are not), other dims mostly 1..11,
    /// sometimes up to 40 or 0, so that inner strides of 1, 2..7 and 8 or more, with vector tails, all occur.
    /// </summary>
    public static Gen<SparsityCase> Case(bool allowIndivisible = true) =>
        from pattern in Pattern
        from rank in Gen.Int[1, 4]
        from axis in Gen.Int[0, rank - 1]
        from others in Gen.Frequency((30, Gen.Int[1, 11]), (5, Gen.Int[12, 40]), (1, Gen.Const(0))).Array[rank]
        from groups in Gen.Frequency((1, Gen.Const(0)), (15, Gen.Int[1, 4]))
        from remainder in allowIndivisible ? Gen.Frequency((9, Gen.Const(0)), (1, Gen.Int[1, pattern.M - 1])) : Gen.Const(0)
        from seed in Gen.Int
        from style in Gen.Int[0, 2]
        from percent in Gen.OneOf(0, 30, 50, 80, 100)
        let dims = Shape(others, axis, (pattern.M * groups) + remainder)
        let count = (int)dims.Aggregate(1L, (a, d) => a * d)
        where count <= 60_000
        select new SparsityCase(dims, axis, pattern, Values(seed, count, style), Mask(seed + 1, count, percent));

    private static long[] Shape(int[] others, int axis, int length)
    {
        var dims = others.Select(d => (long)d).ToArray();
        dims[axis] = length;
        return dims;
    }
}
