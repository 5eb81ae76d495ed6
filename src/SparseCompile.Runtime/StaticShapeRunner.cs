namespace SparseCompile.Runtime;

/// <summary>
/// Runs a model whose inputs and outputs all have fixed shapes through pre-bound native buffers
/// (<see cref="BoundTensors"/>), so a warm run allocates no managed memory. Thread-safe: one set of buffers is
/// cached and taken with an atomic exchange; a thread that finds it taken creates another, and the extra set is
/// released when given back while the cache is full.
/// </summary>
public sealed class StaticShapeRunner : IDisposable
{
    private readonly SparseModelSession session;
    private readonly TensorBinding[] inputs;
    private readonly TensorBinding[] outputs;
    private BoundTensors? cached;
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

    /// <summary>Takes a set of bound buffers for the calling thread; give it back with <see cref="Return"/>.</summary>
    public BoundTensors Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return Interlocked.Exchange(ref cached, null) ?? new BoundTensors(session, inputs, outputs);
    }

    /// <summary>Gives back buffers taken with <see cref="Rent"/>; they are kept for the next caller or released.</summary>
    public void Return(BoundTensors tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (Volatile.Read(ref disposed) != 0 || Interlocked.CompareExchange(ref cached, tensors, null) is not null)
        {
            tensors.Dispose();
            return;
        }

        // Disposed between the check and the store: release what was just cached.
        if (Volatile.Read(ref disposed) != 0)
        {
            Interlocked.Exchange(ref cached, null)?.Dispose();
        }
    }

    /// <summary>Releases the cached buffers; buffers still rented are released when returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref cached, null)?.Dispose();
    }
}
