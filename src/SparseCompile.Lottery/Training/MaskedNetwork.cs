using TorchSharp;
using static TorchSharp.torch;

namespace SparseCompile.Lottery.Training;

/// <summary>
/// A multilayer perceptron of <see cref="MaskedLinear"/> layers named fc1, fc2, ... with ReLU between them (none after
/// the last). Train it with <see cref="MaskedTrainer"/>, which keeps pruned weights exactly zero.
/// </summary>
public sealed class MaskedNetwork : nn.Module<Tensor, Tensor>
{
    private readonly MaskedLinear[] layers;

    /// <summary>Creates the network with zero weights (call <see cref="InitializeGlorot"/> or <see cref="SetWeights"/>).</summary>
    /// <param name="sizes">Input features, then every layer's outputs (784, 300, 100, 10 for LeNet-300-100).</param>
    /// <exception cref="ArgumentException">Fewer than two sizes.</exception>
    public MaskedNetwork(IReadOnlyList<int> sizes) : base("MaskedNetwork")
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2)
        {
            throw new ArgumentException("a network needs at least an input and an output size", nameof(sizes));
        }

        Sizes = sizes.ToArray();
        layers = new MaskedLinear[sizes.Count - 1];
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i] = new MaskedLinear(LayerName(i), sizes[i], sizes[i + 1]);
            register_module(LayerName(i), layers[i]);
        }
    }

    /// <summary>Input features, then every layer's outputs.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>The layers, input first.</summary>
    public IReadOnlyList<MaskedLinear> Layers => layers;

    /// <summary>The name of layer <paramref name="index"/> (0-based): fc1, fc2, ...</summary>
    public static string LayerName(int index) => $"fc{index + 1}";

    /// <summary>Logits for a batch [batch, inputs].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        for (int i = 0; i < layers.Length; i++)
        {
            x = layers[i].forward(x);
            if (i < layers.Length - 1)
            {
                x = nn.functional.relu(x);
            }
        }

        return x;
    }

    /// <summary>
    /// Gaussian Glorot (Xavier normal) weights and zero biases from <paramref name="seed"/>
    /// (<c>torch.random.manual_seed</c>), then the masks are applied.
    /// </summary>
    public MaskedNetwork InitializeGlorot(long seed)
    {
        torch.random.manual_seed(seed);
        using var noGrad = no_grad();
        foreach (var layer in layers)
        {
            nn.init.xavier_normal_(layer.Weight);
            nn.init.zeros_(layer.Bias);
            layer.ApplyMask();
        }

        return this;
    }

    /// <summary>Applies every layer's mask to its weight.</summary>
    public void ApplyMasks()
    {
        foreach (var layer in layers)
        {
            layer.ApplyMask();
        }
    }

    /// <summary>Masks every layer's weight gradient.</summary>
    public void MaskGradients()
    {
        foreach (var layer in layers)
        {
            layer.MaskGradient();
        }
    }

    /// <summary>A copy of every layer's weights and biases.</summary>
    public NetworkWeights GetWeights() => new(layers.Select((l, i) => l.GetWeights(LayerName(i))).ToList());

    /// <summary>Copies weights and biases in; the current masks are applied afterwards.</summary>
    /// <exception cref="ArgumentException">The layer count or a shape differs.</exception>
    public void SetWeights(NetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        CheckCount(weights.Layers.Count, nameof(weights));
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i].SetWeights(weights.Layers[i]);
        }
    }

    /// <summary>The current masks.</summary>
    public NetworkMask GetMask() => new(layers.Select((l, i) => l.GetMask(LayerName(i))).ToList());

    /// <summary>Replaces every layer's mask and applies it.</summary>
    /// <exception cref="ArgumentException">The layer count or a shape differs.</exception>
    public void SetMask(NetworkMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        CheckCount(mask.Layers.Count, nameof(mask));
        for (int i = 0; i < layers.Length; i++)
        {
            layers[i].SetMask(mask.Layers[i]);
        }
    }

    private void CheckCount(int count, string parameter)
    {
        if (count != layers.Length)
        {
            throw new ArgumentException($"{count} layers given; the network has {layers.Length}", parameter);
        }
    }
}
