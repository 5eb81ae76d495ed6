using SparseCompile.Compiler.Sparsity;
using SparseCompile.Lottery.Training;

namespace SparseCompile.Lottery.EarlyBird;

/// <summary>
/// Feeds masks (one per epoch) to the compiler's Early-Bird rule (<see cref="Compiler.Sparsity.EarlyBird.Detect"/>):
/// keeps the last <see cref="Window"/> masks and reports the ticket as emerged when the newest is within
/// <see cref="Threshold"/> normalized Hamming distance of every older one in the window.
/// </summary>
public sealed class EarlyBirdMonitor
{
    private readonly Queue<IReadOnlyDictionary<string, bool[]>> window = new();

    /// <summary>Starts an empty monitor.</summary>
    /// <param name="threshold">The largest distance allowed (0.1 in the paper).</param>
    /// <param name="window">Masks compared, the newest included (5 in the paper).</param>
    public EarlyBirdMonitor(double threshold = Compiler.Sparsity.EarlyBird.DefaultThreshold, int window = Compiler.Sparsity.EarlyBird.DefaultWindow)
    {
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold must be in [0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        Threshold = threshold;
        Window = window;
    }

    /// <summary>The largest distance allowed.</summary>
    public double Threshold { get; }

    /// <summary>Masks compared.</summary>
    public int Window { get; }

    /// <summary>Masks observed so far.</summary>
    public int Observed { get; private set; }

    /// <summary>The largest distance from the newest mask to the older ones in the window (0 before the second mask).</summary>
    public double LastMaxDistance { get; private set; }

    /// <summary>Adds the newest mask; true when the Early-Bird ticket has emerged with it.</summary>
    public bool Observe(NetworkMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        window.Enqueue(mask.ToDictionary());
        if (window.Count > Window)
        {
            window.Dequeue();
        }

        Observed++;
        var report = Compiler.Sparsity.EarlyBird.Detect(window.ToList(), Threshold, Window);
        var newest = report.Checkpoints[^1];
        LastMaxDistance = newest.MaxDistance;
        return newest.IsWithinThreshold;
    }
}
