namespace SparseCompile.Lottery.Training;

/// <summary>The keep-masks of every layer's weight (one <see cref="LayerMask"/> per layer, input first).</summary>
/// <param name="Layers">The layers' masks.</param>
public sealed record NetworkMask(IReadOnlyList<LayerMask> Layers)
{
    /// <summary>A mask that keeps every weight of layers shaped like <paramref name="weights"/>.</summary>
    public static NetworkMask Dense(NetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new NetworkMask(weights.Layers
            .Select(l => new LayerMask(l.Name, l.Outputs, l.Inputs, Enumerable.Repeat(true, l.Weight.Length).ToArray()))
            .ToList());
    }

    /// <summary>Kept weights over all weights (biases excluded): Pm in Frankle &amp; Carbin.</summary>
    public double Density
    {
        get
        {
            long total = Layers.Sum(l => (long)l.Keep.Length);
            return total == 0 ? 1 : (double)Layers.Sum(l => l.KeptCount) / total;
        }
    }

    /// <summary>Each layer's density by name.</summary>
    public IReadOnlyDictionary<string, double> LayerDensities => Layers.ToDictionary(l => l.Name, l => l.Density);

    /// <summary>The masks keyed "&lt;layer&gt;.weight" (TorchSharp layout), as the compiler's mask-distance and Early-Bird code takes them.</summary>
    public IReadOnlyDictionary<string, bool[]> ToDictionary() =>
        Layers.ToDictionary(l => l.Name + ".weight", l => l.Keep, StringComparer.Ordinal);

    /// <summary>
    /// The normalized Hamming distance to <paramref name="other"/> over all layers together (1 − matching / total), the
    /// measure of the Early-Bird rule (the compiler's <see cref="Compiler.Sparsity.MaskDistance"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The masks differ in layers or shapes.</exception>
    public double DistanceTo(NetworkMask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Compiler.Sparsity.MaskDistance.Compare(ToDictionary(), other.ToDictionary()).Overall;
    }
}
