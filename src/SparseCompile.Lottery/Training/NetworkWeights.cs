namespace SparseCompile.Lottery.Training;

/// <summary>A copy of every layer's weights and biases (a snapshot: initialization, a rewind point, trained values).</summary>
/// <param name="Layers">The layers, input first.</param>
public sealed record NetworkWeights(IReadOnlyList<LayerWeights> Layers)
{
    /// <summary>The layer sizes: inputs of the first layer, then every layer's outputs.</summary>
    public IReadOnlyList<int> Sizes => [Layers[0].Inputs, .. Layers.Select(l => l.Outputs)];

    /// <summary>Weights (biases excluded) in all layers.</summary>
    public long WeightCount => Layers.Sum(l => (long)l.Weight.Length);
}
