namespace SparseCompile.Runtime;

/// <summary>
/// Runs a model whose inputs and outputs all have fixed shapes through pre-bound native buffers
/// (<see cref="BoundTensors"/>), so a warm run allocates no managed memory. Thread-safe: sets of buffers are kept in a small
/// lock-free pool (one slot per processor, at least two), so as many threads as there are slots run warm at once; a thread
/// that finds every slot empty creates another set, which is released when given back while every slot is full.
/// </summary>
public sealed class StaticShapeRunner : IDisposable
{
    private readonly SparseModelSession session;
    private readonly TensorBinding[] inputs;
    private readonly TensorBinding[] outputs;
    private readonly BoundTensors?[] pool = new BoundTensors?[Math.Max(2, Environment.ProcessorCount)];
    private int disposed;

    /// <summary>A runner for <paramref name="session"/> with the model's inputs and outputs in the order callers index them.</summary>
    public StaticShapeRunner(SparseModelSession session, IReadOnlyList<TensorBinding> inputs, IReadOnlyList<TensorBinding> outputs)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        this.session = session;
        this.inputs = [.. inputs];
        this.outputs = [.. outputs];
    }

    /// <summary>How many sets of buffers the runner keeps for reuse.</summary>
    internal int PoolSize => pool.Length;

    /// <summary>Takes a set of bound buffers for the calling thread; give it back with <see cref="Return"/>.</summary>
    public BoundTensors Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        for (int i = 0; i < pool.Length; i++)
        {
            if (Interlocked.Exchange(ref pool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        return new BoundTensors(session, inputs, outputs);
    }

    /// <summary>Gives back buffers taken with <see cref="Rent"/>; they are kept for the next caller or released.</summary>
    public void Return(BoundTensors tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (Volatile.Read(ref disposed) == 0)
        {
            for (int i = 0; i < pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref pool[i], tensors, null) is null)
                {
                    // Disposed between the check and the store: release what was just pooled (unless Dispose already did).
                    if (Volatile.Read(ref disposed) != 0)
                    {
                        Interlocked.Exchange(ref pool[i], null)?.Dispose();
                    }

                    return;
                }
            }
        }

        tensors.Dispose();
    }

    /// <summary>Releases the pooled buffers; buffers still rented are released when returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        for (int i = 0; i < pool.Length; i++)
        {
            Interlocked.Exchange(ref pool[i], null)?.Dispose();
        }
    }
}
