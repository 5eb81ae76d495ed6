namespace SparseCompile.Lottery.Data;

/// <summary>A set of flattened images with their labels: one row of <see cref="FeatureCount"/> floats in [0, 1] per image.</summary>
public sealed class DigitSet
{
    /// <summary>Wraps images and labels without copying them.</summary>
    /// <param name="pixels">Row-major images, <paramref name="featureCount"/> values per image.</param>
    /// <param name="labels">One class index per image.</param>
    /// <param name="featureCount">Values per image (784 for MNIST).</param>
    /// <exception cref="ArgumentException">The pixel count is not labels × features.</exception>
    public DigitSet(float[] pixels, long[] labels, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (pixels.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException($"{pixels.Length} pixel values do not make {labels.Length} images of {featureCount}", nameof(pixels));
        }

        Pixels = pixels;
        Labels = labels;
        FeatureCount = featureCount;
    }

    /// <summary>The images, row-major (shared, not copied).</summary>
    public float[] Pixels { get; }

    /// <summary>The labels (shared, not copied).</summary>
    public long[] Labels { get; }

    /// <summary>Values per image.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>A copy of the images <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the set.</exception>
    public DigitSet Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"images {start}..{start + count - 1} are outside a set of {Count}");
        }

        return new DigitSet(
            Pixels.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(),
            Labels.AsSpan(start, count).ToArray(),
            FeatureCount);
    }
}
