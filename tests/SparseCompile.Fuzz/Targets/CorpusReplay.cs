using System.Diagnostics;

namespace SparseCompile.Fuzzing;

/// <summary>
/// Replays tests/fuzz-corpora/&lt;target&gt;/ (seeds, AFL++ queue entries and crash-* regressions) through a fuzz
/// target for the readers' test projects: every input must end in the expected failure or a clean read, within a bound
/// on time and on managed memory allocated.
/// </summary>
internal static class CorpusReplay
{
    /// <summary>The most time one input may take (generous: CI machines are slow and shared).</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(20);

    /// <summary>The most managed memory one input may allocate.</summary>
    public const long MaxAllocatedBytes = 512L << 20;

    /// <summary>The corpus folder of <paramref name="target"/>.</summary>
    public static string Folder(string target)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparseCompile.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fuzz-corpora", target);
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds SparseCompile.sln");
    }

    /// <summary>The corpus file names of <paramref name="target"/>, for a theory's member data.</summary>
    public static IEnumerable<object[]> Files(string target) =>
        Directory.GetFiles(Folder(target)).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    /// <summary>Runs one corpus file through <paramref name="run"/>; throws what the target throws, or on time/memory overrun.</summary>
    public static void Replay(string target, string fileName, Action<byte[]> run)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder(target), fileName));
        long allocated = 0;
        var watch = Stopwatch.StartNew();
        var work = Task.Factory.StartNew(
            () =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                run(bytes);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(MaxTime))
        {
            throw new TimeoutException($"{target}/{fileName} ran past {MaxTime.TotalSeconds} s");
        }

        work.GetAwaiter().GetResult();
        if (allocated > MaxAllocatedBytes)
        {
            throw new InvalidOperationException($"{target}/{fileName} allocated {allocated} bytes (limit {MaxAllocatedBytes}) in {watch.ElapsedMilliseconds} ms");
        }
    }
}
