using BenchmarkDotNet.Running;

namespace SparseCompile.Benchmarks;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's switcher (--filter, --job, --list).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
