using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Compiler.Tests.Sparsity;

public class EarlyBirdTests
{
    /// <summary>Mask sets of two tensors (60 + 40 elements) that differ from an all-false base in the first <c>flips</c> positions.</summary>
    private static IReadOnlyDictionary<string, bool[]> Flipped(int flips)
    {
        var all = new bool[100];
        for (int i = 0; i < flips; i++)
        {
            all[i] = true;
        }

        return new Dictionary<string, bool[]> { ["conv"] = all[..60], ["fc"] = all[60..] };
    }

    private static IReadOnlyDictionary<string, bool[]>[] Sequence(params int[] flips) => flips.Select(Flipped).ToArray();

    [Fact]
    public void EmergesWhenTheNewestIsCloseToTheWholeWindow()
    {
        // Nested flips, so d(i, j) = |flips_i - flips_j| / 100.
        var report = EarlyBird.Detect(Sequence(50, 40, 20, 5, 0, 0, 0, 0, 0));
        Assert.Equal(0.1, report.Threshold);
        Assert.Equal(5, report.Window);

        // At 4 the window is 50, 40, 20, 5 -> 0.5 too far; at 7 it is 5, 0, 0, 0 -> 0.05 at most.
        Assert.Equal(7, report.EmergedAt);
        Assert.True(report.HasEmerged);
        Assert.Equal([false, false, false, false, false, false, false, true, true], report.Checkpoints.Select(c => c.IsWithinThreshold));
        Assert.Equal([false, false, false, false, true, true, true, true, true], report.Checkpoints.Select(c => c.IsWindowFull));

        var fourth = report.Checkpoints[4];
        Assert.Equal([0, 1, 2, 3], fourth.Distances.Select(d => d.Predecessor));
        Assert.Equal([0.5, 0.4, 0.2, 0.05], fourth.Distances.Select(d => d.Distance));
        Assert.Equal(0.5, fourth.MaxDistance);

        Assert.Empty(report.Checkpoints[0].Distances);
        Assert.Equal([new CheckpointDistance(0, 0.1)], report.Checkpoints[1].Distances);
        Assert.Equal([3, 4, 5, 6], report.Checkpoints[7].Distances.Select(d => d.Predecessor));
    }

    [Fact]
    public void TheThresholdIsInclusive()
    {
        // Every step moves 10 of 100 positions further: the immediate predecessor is exactly 0.1 away.
        var steps = Sequence(0, 10, 20, 30);
        Assert.Equal(1, EarlyBird.Detect(steps, 0.1, 2).EmergedAt);
        Assert.Null(EarlyBird.Detect(steps, 0.09, 2).EmergedAt);
        Assert.Null(EarlyBird.Detect(steps, 0.1, 3).EmergedAt); // two back is 0.2
        Assert.Equal(2, EarlyBird.Detect(steps, 0.2, 3).EmergedAt);
    }

    [Fact]
    public void NeverConverging()
    {
        var report = EarlyBird.Detect(Sequence(0, 50, 0, 50, 0, 50, 0, 50, 0, 50));
        Assert.Null(report.EmergedAt);
        Assert.False(report.HasEmerged);
        Assert.Equal(10, report.Checkpoints.Count);
        Assert.All(report.Checkpoints.Skip(4), c => Assert.Equal(0.5, c.MaxDistance));
    }

    [Fact]
    public void WindowLargerThanTheSequenceNeverFires()
    {
        var same = Sequence(3, 3, 3);
        Assert.Null(EarlyBird.Detect(same).EmergedAt);
        Assert.All(EarlyBird.Detect(same).Checkpoints, c => Assert.False(c.IsWindowFull));
        Assert.Equal(2, EarlyBird.Detect(same, window: 3).EmergedAt);
        Assert.Null(EarlyBird.Detect([]).EmergedAt);
    }

    [Fact]
    public void DistancesWeighTensorsByTheirSize()
    {
        // 20 flips, all in the 60-element tensor: 20 of 100 overall, not the mean of 20/60 and 0/40.
        var report = EarlyBird.Detect(Sequence(0, 20), 0.2, 2);
        Assert.Equal(0.2, report.Checkpoints[1].Distances[0].Distance);
        Assert.Equal(1, report.EmergedAt);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var masks = Sequence(0, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyBird.Detect(masks, window: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyBird.Detect(masks, threshold: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyBird.Detect(masks, threshold: double.NaN));
        var mismatched = new[] { Flipped(0), new Dictionary<string, bool[]> { ["conv"] = new bool[60] } };
        Assert.Throws<ArgumentException>(() => EarlyBird.Detect(mismatched, window: 2));
    }
}
