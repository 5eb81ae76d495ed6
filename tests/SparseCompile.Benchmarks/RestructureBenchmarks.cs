using BenchmarkDotNet.Attributes;
using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Benchmarks;

/// <summary>
/// 2:4 restructuring plus mask application on 100 M float32 weights (400 MB): with an unstructured
/// 50% magnitude mask or without one (dense), into caller buffers or with the allocated result mask.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RestructureBenchmarks
{
    private float[] _weights = [];
    private bool[] _mask = [];
    private bool[] _keep = [];
    private float[] _output = [];
    private long[] _dims = [];
    private int _axis;

    /// <summary>Which tensor layout.</summary>
    [Params(WeightLayout.MatMulAxis0, WeightLayout.ConvAxis1, WeightLayout.GemmTransBAxis1)]
    public WeightLayout Layout { get; set; }

    /// <summary>True: restructure an unstructured mask; false: dense weights.</summary>
    [Params(true, false)]
    public bool WithMask { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dims = WeightLayouts.Dims(Layout);
        _axis = WeightLayouts.Axis(Layout);
        int count = checked((int)WeightLayouts.ElementCount(Layout));
        var random = new Random(20240607);
        _weights = new float[count];
        for (int i = 0; i < count; i++)
        {
            _weights[i] = (random.NextSingle() * 2) - 1;
        }

        _mask = WithMask ? MagnitudeMasks.KeepLargest(_weights, count / 2) : [];
        _keep = new bool[count];
        _output = new float[count];
    }

    /// <summary>Restructure into a reused keep buffer, then write the pruned weights into a reused buffer: no allocation.</summary>
    [Benchmark(Baseline = true)]
    public long IntoBuffers()
    {
        var result = WithMask
            ? NMRestructurer.RestructureInto(_weights, _mask, _dims, _axis, NMPattern.TwoFour, _keep)
            : NMRestructurer.RestructureInto(_weights, _dims, _axis, NMPattern.TwoFour, _keep);
        MaskApplier.Apply(_weights, _keep, _output);
        return result.Statistics!.KeptCount;
    }

    /// <summary>Restructure into a new keep-mask (the one extra tensor-sized allocation), then apply it.</summary>
    [Benchmark]
    public long Allocating()
    {
        var result = WithMask
            ? NMRestructurer.Restructure(_weights, _mask, _dims, _axis, NMPattern.TwoFour)
            : NMRestructurer.Restructure(_weights, _dims, _axis, NMPattern.TwoFour);
        MaskApplier.Apply(_weights, result.Keep!, _output);
        return result.Statistics!.KeptCount;
    }
}
