using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace SparseCompile.Benchmarks;

/// <summary>Adds the MB/s column and the memory diagnoser to every benchmark of a class.</summary>
public class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddColumn(new ThroughputColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
