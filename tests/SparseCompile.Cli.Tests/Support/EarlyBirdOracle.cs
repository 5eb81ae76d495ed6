namespace SparseCompile.Cli.Tests.Support;

/// <summary>
/// The Early-Bird rule computed the slow, obvious way, to check sparsec against: layer-wise masks by sorting
/// |w| (ties to the lower index), Hamming distance over all weights, first checkpoint whose mask is within the
/// threshold of each of the window - 1 before it.
/// </summary>
internal static class EarlyBirdOracle
{
    public static int? EmergedAt(float[][][] checkpoints, double density, double threshold, int window)
    {
        var masks = checkpoints.Select(weights => weights.SelectMany(w => TopFraction(w, density)).ToArray()).ToArray();
        for (int i = window - 1; i < masks.Length; i++)
        {
            if (Enumerable.Range(i - window + 1, window - 1).All(j => Distance(masks[i], masks[j]) <= threshold))
            {
                return i;
            }
        }

        return null;
    }

    public static double Distance(bool[] a, bool[] b) => (double)a.Zip(b).Count(p => p.First != p.Second) / a.Length;

    public static bool[] TopFraction(float[] values, double density)
    {
        int keep = (int)Math.Round(density * values.Length, MidpointRounding.AwayFromZero);
        var mask = new bool[values.Length];
        foreach (int index in Enumerable.Range(0, values.Length).OrderByDescending(i => MathF.Abs(values[i])).ThenBy(i => i).Take(keep))
        {
            mask[index] = true;
        }

        return mask;
    }
}
