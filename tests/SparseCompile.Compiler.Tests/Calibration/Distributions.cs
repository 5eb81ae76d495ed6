namespace SparseCompile.Compiler.Tests.Calibration;

/// <summary>Seeded synthetic activations for the calibration math tests.</summary>
internal static class Distributions
{
    /// <summary>Uniform values in [-scale, scale].</summary>
    public static float[] Uniform(int count, float scale, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }

    /// <summary>Standard normal values (Box–Muller) times <paramref name="scale"/>.</summary>
    public static float[] Normal(int count, float scale, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u = 1 - random.NextDouble();
            double v = random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v) * scale);
        }

        return values;
    }

    /// <summary>Laplace values: heavy tails, most mass near 0, rare magnitudes many times the typical one.</summary>
    public static float[] Laplace(int count, float scale, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble() - 0.5;
            values[i] = (float)(-scale * Math.Sign(u) * Math.Log(1 - (2 * Math.Abs(u))));
        }

        return values;
    }

    /// <summary>Standard normal values with one in ten thousand replaced by an outlier of magnitude 20 to 40.</summary>
    public static float[] NormalWithOutliers(int count, int seed)
    {
        var values = Normal(count, 1f, seed);
        var random = new Random(seed + 1);
        for (int i = 0; i < count; i += 10_000)
        {
            values[i] = (float)((20 + (20 * random.NextDouble())) * (random.Next(2) == 0 ? -1 : 1));
        }

        return values;
    }

    /// <summary>What a Relu leaves of normal values: about half exactly 0.</summary>
    public static float[] Relu(float[] values) => values.Select(v => Math.Max(v, 0f)).ToArray();

    /// <summary>Splits values into batches of growing spread, the order an observer might meet them.</summary>
    public static IEnumerable<float[]> Batches(float[] values, int batches)
    {
        var sorted = values.OrderBy(Math.Abs).ToArray();
        int size = (values.Length + batches - 1) / batches;
        for (int start = 0; start < sorted.Length; start += size)
        {
            yield return sorted[start..Math.Min(sorted.Length, start + size)];
        }
    }
}
