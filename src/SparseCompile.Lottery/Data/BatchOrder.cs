namespace SparseCompile.Lottery.Data;

/// <summary>
/// The order in which training images are visited: a fresh seeded shuffle per epoch, cut into batches; the last
/// incomplete batch of an epoch is dropped. Uses its own <see cref="Random"/> so runs repeat exactly for a seed.
/// </summary>
public sealed class BatchOrder
{
    private readonly Random random;
    private readonly int[] order;
    private int position;

    /// <summary>Starts the order for <paramref name="count"/> images in batches of <paramref name="batchSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch is empty or larger than the set.</exception>
    public BatchOrder(int count, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, count);
        random = new Random(seed);
        order = Enumerable.Range(0, count).ToArray();
        BatchSize = batchSize;
        position = count; // shuffle on the first batch
    }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whole batches per epoch.</summary>
    public int BatchesPerEpoch => order.Length / BatchSize;

    /// <summary>Epochs started so far (1 after the first batch).</summary>
    public int Epoch { get; private set; }

    /// <summary>True when the next batch starts a new epoch.</summary>
    public bool AtEpochEnd => position + BatchSize > order.Length;

    /// <summary>The image indices of the next batch.</summary>
    public long[] Next()
    {
        if (AtEpochEnd)
        {
            random.Shuffle(order);
            position = 0;
            Epoch++;
        }

        var batch = new long[BatchSize];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = order[position + i];
        }

        position += BatchSize;
        return batch;
    }
}
