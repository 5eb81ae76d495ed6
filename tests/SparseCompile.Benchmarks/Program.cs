using BenchmarkDotNet.Running;
using SparseCompile.Benchmarks.Profiling;
using SparseCompile.Benchmarks.Reporting;
using SparseCompile.Benchmarks.Tools;

namespace SparseCompile.Benchmarks;

/// <summary>
/// Entry point. <c>prepare &lt;dir&gt;</c> writes bench.sh's inputs (<see cref="BenchData"/>); <c>compile-profile</c> times
/// every compiler pass (<see cref="CompileProfile"/>); <c>report</c> writes docs/benchmarks.md (<see cref="BenchReport"/>);
/// anything else goes to BenchmarkDotNet's switcher (--filter, --job, --list).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "prepare" when args.Length == 2:
                BenchData.Prepare(args[1]);
                return 0;
            case "compile-profile":
                return CompileProfile.Run(args[1..]);
            case "report":
                return BenchReport.Run(args[1..]);
            case "big-model":
                return BigModel.BigModelRun.Run(args[1..]);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
