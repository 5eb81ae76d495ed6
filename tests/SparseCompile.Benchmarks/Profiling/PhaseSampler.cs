using System.Diagnostics;

namespace SparseCompile.Benchmarks.Profiling;

/// <summary>
/// Times the phases of one compile and samples memory on a background thread every <see cref="IntervalMs"/> ms (and at
/// every phase boundary): the process working set (<see cref="Environment.WorkingSet"/>, /proc/self/statm on Linux) and the
/// managed heap (<see cref="GC.GetTotalMemory(bool)"/> without collecting). Each phase keeps the highest value seen while
/// it ran; a phase shorter than the interval gets at least its boundary samples.
/// </summary>
public sealed class PhaseSampler : IDisposable
{
    /// <summary>Sampling period.</summary>
    public const int IntervalMs = 5;

    private readonly List<PhaseMeasure> phases = [];
    private readonly Stopwatch clock = new();
    private readonly Lock gate = new();
    private readonly Thread thread;
    private volatile bool stopping;
    private PhaseMeasure? current;

    /// <summary>Starts the sampler thread; call <see cref="Begin"/> to open the first phase.</summary>
    public PhaseSampler()
    {
        thread = new Thread(Loop) { IsBackground = true, Name = "compile-profile sampler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    /// <summary>The finished phases, in order.</summary>
    public IReadOnlyList<PhaseMeasure> Phases => phases;

    /// <summary>Ends the current phase (if any) and starts <paramref name="name"/>.</summary>
    public void Begin(string name)
    {
        lock (gate)
        {
            CloseCurrent();
            clock.Restart();
            current = new PhaseMeasure(name);
            Sample(current);
        }
    }

    /// <summary>Ends the current phase.</summary>
    public void End()
    {
        lock (gate)
        {
            CloseCurrent();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }

    private void CloseCurrent()
    {
        if (current is null)
        {
            return;
        }

        Sample(current);
        current.Seconds = clock.Elapsed.TotalSeconds;
        phases.Add(current);
        current = null;
    }

    private void Loop()
    {
        while (!stopping)
        {
            lock (gate)
            {
                if (current is not null)
                {
                    Sample(current);
                }
            }

            Thread.Sleep(IntervalMs);
        }
    }

    private static void Sample(PhaseMeasure phase)
    {
        phase.PeakWorkingSet = Math.Max(phase.PeakWorkingSet, Environment.WorkingSet);
        phase.PeakManagedHeap = Math.Max(phase.PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
    }
}

/// <summary>One phase of a compile: its wall time and the highest memory sampled while it ran.</summary>
public sealed class PhaseMeasure(string name)
{
    /// <summary>The pass name, or <c>load</c> / <c>write outputs</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Wall seconds.</summary>
    public double Seconds { get; set; }

    /// <summary>Highest process working set sampled, bytes.</summary>
    public long PeakWorkingSet { get; set; }

    /// <summary>Highest managed heap size sampled, bytes.</summary>
    public long PeakManagedHeap { get; set; }
}
