using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SparseCompile.Runtime.Tests.Load;

/// <summary>One call of a run path: <paramref name="input"/> in, the model's output written to <paramref name="output"/>.</summary>
internal delegate void LoadCall(float[] input, Span<float> output);

/// <summary>What one load run did: calls made, results that differed bitwise from the reference, the first error, the time.</summary>
internal sealed record LoadResult(long Calls, long Mismatches, Exception? Error, TimeSpan Elapsed)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;
}

/// <summary>
/// Calls one shared model from <see cref="LoadModel.Threads"/> threads released together. Call i on thread t uses input
/// (t + i) mod 16, so concurrent calls carry different inputs, and every output is compared bitwise with that input's reference.
/// </summary>
internal static class LoadDriver
{
    public static LoadResult Hammer(LoadModel model, int callsPerThread, LoadCall call)
    {
        int threads = LoadModel.Threads;
        long calls = 0;
        long mismatches = 0;
        Exception? error = null;
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var output = new float[LoadModel.OutputLength];
            start.SignalAndWait();
            int done = 0;
            try
            {
                for (; done < callsPerThread; done++)
                {
                    int which = (t + done) % threads;
                    output.AsSpan().Fill(float.NaN);
                    call(model.Inputs[which], output);
                    if (!MemoryMarshal.AsBytes(model.Expected[which].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(output.AsSpan())))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, e, null);
            }

            Interlocked.Add(ref calls, done);
        }) { IsBackground = true }).ToArray();
        Array.ForEach(workers, w => w.Start());
        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        Array.ForEach(workers, w => w.Join());
        clock.Stop();
        return new LoadResult(calls, mismatches, error, clock.Elapsed);
    }
}
