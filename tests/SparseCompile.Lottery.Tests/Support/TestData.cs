using SparseCompile.Lottery.Data;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Tests.Support;

/// <summary>The committed MNIST subset (loaded once) and small synthetic weights and masks.</summary>
internal static class TestData
{
    private static readonly Lazy<MnistSubset> Mnist = new(() => MnistSubset.Load(MnistPath));

    public static string MnistPath => Path.Combine(AppContext.BaseDirectory, "Data", MnistSubset.DefaultFileName);

    public static MnistSubset Subset => Mnist.Value;

    /// <summary>Seeded weights shaped like a network of <paramref name="sizes"/> (normal-ish values, no exact ties).</summary>
    public static NetworkWeights RandomWeights(IReadOnlyList<int> sizes, int seed)
    {
        var random = new Random(seed);
        var layers = new List<LayerWeights>();
        for (int i = 0; i < sizes.Count - 1; i++)
        {
            int inputs = sizes[i], outputs = sizes[i + 1];
            var weight = new float[inputs * outputs];
            for (int k = 0; k < weight.Length; k++)
            {
                weight[k] = (float)((random.NextDouble() * 2) - 1);
            }

            var bias = Enumerable.Range(0, outputs).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            layers.Add(new LayerWeights(MaskedNetwork.LayerName(i), outputs, inputs, weight, bias));
        }

        return new NetworkWeights(layers);
    }

    /// <summary>A seeded mask keeping about <paramref name="density"/> of every layer.</summary>
    public static NetworkMask RandomMask(NetworkWeights shape, double density, int seed)
    {
        var random = new Random(seed);
        return new NetworkMask(shape.Layers
            .Select(l => new LayerMask(l.Name, l.Outputs, l.Inputs, l.Weight.Select(_ => random.NextDouble() < density).ToArray()))
            .ToList());
    }
}
