using System.Runtime.InteropServices;

namespace SparseCompile.Benchmarks.BigModel;

/// <summary>
/// The peak resident memory of this process's finished children, from getrusage(RUSAGE_CHILDREN): the kernel's own
/// high-water mark (ru_maxrss, KiB on Linux), so a short peak between two samples cannot be missed.
/// </summary>
internal static partial class ChildPeakMemory
{
    private const int RusageChildren = -1;

    /// <summary>The largest peak resident set of any child waited for so far, in bytes; null off Linux.</summary>
    public static long? LargestBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var usage = new RUsage();
        return GetRUsage(RusageChildren, ref usage) == 0 ? usage.MaxRssKiB * 1024 : null;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, ref RUsage usage);

    // struct rusage on 64-bit Linux: two timevals, then ru_maxrss and thirteen more longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKiB;
        public long Rest0, Rest1, Rest2, Rest3, Rest4, Rest5, Rest6, Rest7, Rest8, Rest9, Rest10, Rest11, Rest12, Rest13;
    }
}
