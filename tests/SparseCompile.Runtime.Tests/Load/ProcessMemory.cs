using System.Globalization;
using System.Runtime.InteropServices;

namespace SparseCompile.Runtime.Tests.Load;

/// <summary>
/// Resident memory (native included), the live managed heap and the GC's committed memory, read after aggressive, finalizing
/// collections. Aggressive mode makes the GC decommit its free regions at once, and on glibc the allocator is asked to hand
/// freed pages back (<c>malloc_trim</c>), so resident memory follows what is still allocated: without both, memory that earlier
/// tests freed is released gradually (hundreds of MiB after the real-model tests) and the shrinking process hides growth.
/// </summary>
internal readonly record struct ProcessMemory(long Resident, long Managed, long Committed)
{
    private const double MiB = 1024 * 1024;

    /// <summary>Collects (finalizers included, so undisposed but finalizable native values are released too), then reads.</summary>
    public static ProcessMemory Measure()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        TrimNativeHeap();

        long managed = GC.GetTotalMemory(forceFullCollection: true);
        return new ProcessMemory(ResidentBytes(), managed, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RSS {Resident / MiB:F1} MiB, managed {Managed / MiB:F2} MiB, GC committed {Committed / MiB:F1} MiB");

    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): resident memory is read untrimmed.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>VmRSS from /proc/self/status on Linux; the working set elsewhere.</summary>
    private static long ResidentBytes()
    {
        const string Path = "/proc/self/status";
        if (File.Exists(Path))
        {
            foreach (string line in File.ReadLines(Path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    string kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
