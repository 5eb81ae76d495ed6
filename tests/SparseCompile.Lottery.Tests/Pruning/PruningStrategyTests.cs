using SparseCompile.Lottery.Pruning;
using SparseCompile.Lottery.Tests.Support;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.Tests.Pruning;

public sealed class PruningStrategyTests
{
    [Fact]
    public void Layerwise_schedule_follows_Frankle_Carbin_densities()
    {
        var weights = TestData.RandomWeights(LeNet300100.Sizes, 11);
        var strategy = LayerwiseMagnitudePruning.FrankleCarbin();
        var mask = NetworkMask.Dense(weights);
        long[] counts = weights.Layers.Select(l => (long)l.Weight.Length).ToArray();
        for (int k = 1; k <= 15; k++)
        {
            var next = strategy.Prune(weights, mask);
            AssertSubset(mask, next);
            for (int l = 0; l < 3; l++)
            {
                double rate = l < 2 ? 0.8 : 0.9;
                double expected = counts[l] * Math.Pow(rate, k);
                // Each round rounds the pruned count, so the drift is at most half a weight per round.
                Assert.InRange(next.Layers[l].KeptCount, expected - (0.5 * k) - 1, expected + (0.5 * k) + 1);
            }

            mask = next;
            double pm = PruningSchedule.ExpectedDensity(counts, strategy.Rates, k);
            Assert.Equal(pm, mask.Density, 3);
        }

        // The paper's table: Pm = 3.6% after 15 rounds.
        Assert.Equal(0.036, mask.Density, 3);
        Assert.Equal(0.513, PruningSchedule.ExpectedDensity(counts, strategy.Rates, 3), 3);
        Assert.Equal(0.211, PruningSchedule.ExpectedDensity(counts, strategy.Rates, 7), 3);
    }

    [Fact]
    public void Layerwise_prunes_the_smallest_survivors_of_each_layer()
    {
        var weights = TestData.RandomWeights([40, 30, 10], 3);
        var current = TestData.RandomMask(weights, 0.6, 9);
        var next = new LayerwiseMagnitudePruning([0.5, 0.25]).Prune(weights, current);
        for (int l = 0; l < 2; l++)
        {
            var w = weights.Layers[l].Weight;
            var before = current.Layers[l].Keep;
            var after = next.Layers[l].Keep;
            long survivors = current.Layers[l].KeptCount;
            Assert.Equal(survivors - (long)Math.Round((l == 0 ? 0.5 : 0.25) * survivors, MidpointRounding.AwayFromZero), next.Layers[l].KeptCount);
            float smallestKept = Enumerable.Range(0, w.Length).Where(i => after[i]).Min(i => Math.Abs(w[i]));
            float largestPruned = Enumerable.Range(0, w.Length).Where(i => before[i] && !after[i]).Max(i => Math.Abs(w[i]));
            Assert.True(smallestKept >= largestPruned);
        }
    }

    [Fact]
    public void Global_uses_one_threshold_across_layers()
    {
        var weights = TestData.RandomWeights([40, 30, 10], 5);
        // Scale layer 2 down so a global threshold prunes it harder than layer 1.
        foreach (ref float v in weights.Layers[1].Weight.AsSpan())
        {
            v *= 0.3f;
        }

        var mask = NetworkMask.Dense(weights);
        var strategy = new GlobalMagnitudePruning(0.2);
        for (int k = 1; k <= 4; k++)
        {
            var next = strategy.Prune(weights, mask);
            AssertSubset(mask, next);
            long total = mask.Layers.Sum(l => l.KeptCount);
            Assert.Equal(total - (long)Math.Round(0.2 * total, MidpointRounding.AwayFromZero), next.Layers.Sum(l => l.KeptCount));
            float smallestKept = float.MaxValue, largestPruned = 0;
            for (int l = 0; l < 2; l++)
            {
                for (int i = 0; i < next.Layers[l].Keep.Length; i++)
                {
                    float m = Math.Abs(weights.Layers[l].Weight[i]);
                    if (next.Layers[l].Keep[i])
                    {
                        smallestKept = Math.Min(smallestKept, m);
                    }
                    else if (mask.Layers[l].Keep[i])
                    {
                        largestPruned = Math.Max(largestPruned, m);
                    }
                }
            }

            Assert.True(smallestKept >= largestPruned);
            mask = next;
        }

        Assert.True(mask.Layers[1].Density < mask.Layers[0].Density);
    }

    private static void AssertSubset(NetworkMask outer, NetworkMask inner)
    {
        for (int l = 0; l < outer.Layers.Count; l++)
        {
            for (int i = 0; i < outer.Layers[l].Keep.Length; i++)
            {
                Assert.False(inner.Layers[l].Keep[i] && !outer.Layers[l].Keep[i], "pruning revived a weight");
            }
        }
    }
}
