namespace SparseCompile.Lottery.Training;

/// <summary>
/// LeNet-300-100 as in Frankle &amp; Carbin (2019): fully connected 784-300-100-10 with ReLU, Gaussian Glorot
/// initialization, biases not pruned (266,200 prunable weights).
/// </summary>
public static class LeNet300100
{
    /// <summary>The layer sizes: 784 inputs, 300 and 100 hidden units, 10 classes.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [784, 300, 100, 10];

    /// <summary>A freshly initialized network (Xavier normal weights from <paramref name="seed"/>, zero biases).</summary>
    public static MaskedNetwork Create(long seed) => new MaskedNetwork(Sizes).InitializeGlorot(seed);
}
