using TorchSharp;

namespace SparseCompile.Lottery.Training;

/// <summary>Sets TorchSharp's intra-op thread count once per value (the machine may be shared).</summary>
internal static class TorchThreads
{
    private static int current;

    public static void Use(int threads)
    {
        if (Interlocked.Exchange(ref current, threads) != threads)
        {
            torch.set_num_threads(threads);
        }
    }
}
