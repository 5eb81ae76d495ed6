using SparseCompile.Lottery.EarlyBird;
using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Tests.EarlyBird;

public sealed class EarlyBirdMonitorTests
{
    private static readonly NetworkWeights Shape = TestData.RandomWeights([25, 4], 1); // 100 weights

    [Fact]
    public void Fires_when_the_newest_is_close_to_the_previous_four()
    {
        var monitor = new EarlyBirdMonitor();
        // Epochs 1-3: masks far apart (random), then epochs 4.. stable up to 5 flips out of 100 each.
        var sequence = new List<NetworkMask>
        {
            TestData.RandomMask(Shape, 0.5, 1), TestData.RandomMask(Shape, 0.5, 2), TestData.RandomMask(Shape, 0.5, 3),
        };
        var stable = TestData.RandomMask(Shape, 0.5, 4);
        for (int e = 0; e < 6; e++)
        {
            sequence.Add(Flip(stable, e, 5));
        }

        var fired = sequence.Select(monitor.Observe).ToList();
        // Epoch 8 (index 7) is the first whose previous four are all stable masks: distances ≤ 0.1 to each.
        Assert.Equal(7, fired.IndexOf(true));
        Assert.True(monitor.LastMaxDistance <= 0.1);
    }

    [Fact]
    public void Never_fires_before_the_window_is_full_or_when_masks_drift()
    {
        var monitor = new EarlyBirdMonitor();
        var same = TestData.RandomMask(Shape, 0.5, 4);
        Assert.All(Enumerable.Range(0, 4), _ => Assert.False(monitor.Observe(same)));
        Assert.True(monitor.Observe(same));

        var drifting = new EarlyBirdMonitor(threshold: 0.1);
        // Each mask moves 4 weights further from the first: after 4 steps the oldest is 16 flips (0.16) away.
        var masks = Enumerable.Range(0, 8).Select(e => Flip(same, 0, 4 * e)).ToList();
        Assert.DoesNotContain(true, masks.Select(drifting.Observe));
        Assert.Equal(0.16, drifting.LastMaxDistance, 6);
    }

    [Fact]
    public void Search_records_one_distance_per_epoch_during_dense_training()
    {
        using var network = new MaskedNetwork([784, 32, 10]).InitializeGlorot(2);
        var result = EarlyBirdSearch.Run(network, TestData.Subset, new EarlyBirdOptions
        {
            Density = 0.5,
            Threshold = 0.2,
            Training = new TrainingOptions { Iterations = 116 * 8, EvaluateEvery = 1000 },
        });
        Assert.NotNull(result.Ticket);
        Assert.Equal(0.5, result.Ticket!.Density, 2);
        Assert.Equal(result.EmergedAtEpoch ?? 8, result.MaxDistances.Count);
        if (result.EmergedAtEpoch is int epoch)
        {
            Assert.True(epoch >= 5);
            Assert.True(result.MaxDistances[^1] <= 0.2);
        }
    }

    /// <summary>The mask with <paramref name="count"/> flags flipped, starting at flag <paramref name="offset"/> · 7.</summary>
    private static NetworkMask Flip(NetworkMask mask, int offset, int count)
    {
        var keep = (bool[])mask.Layers[0].Keep.Clone();
        for (int i = 0; i < count; i++)
        {
            int index = ((offset * 7) + i) % keep.Length;
            keep[index] = !keep[index];
        }

        return new NetworkMask([mask.Layers[0] with { Keep = keep }]);
    }
}
