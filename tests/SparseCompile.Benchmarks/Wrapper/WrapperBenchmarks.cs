using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML.OnnxRuntime;
using SparseCompile.Runtime;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Benchmarks.Wrapper;

/// <summary>
/// The generated <see cref="ResNet18Wrapper"/> (ResNet18 compiled by the build: 2:4 + dynamic INT8) against
/// hand-written ONNX Runtime calls on the same session and the same real photograph. Two pairs, each with its own
/// baseline: allocating runs (the output copied into a new array), and runs into caller-owned buffers. The Ratio
/// column is the generated code's cost relative to the hand-written one; Allocated is bytes per call.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WrapperBenchmarks
{
    private static readonly long[] InputDims = [1, 3, 224, 224];
    private static readonly long[] OutputDims = [1, 512, 1, 1];
    private ResNet18Wrapper model = null!;
    private float[] image = null!;
    private readonly float[] features = new float[512];
    private string[] inputNames = null!;
    private string[] outputNames = null!;
    private OrtValue[] boundInputs = null!;
    private OrtValue[] boundOutputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = ResNet18Wrapper.Load(new SparseModelOptions { Target = ExecutionTarget.Cpu, IntraOpThreads = 2 });
        image = Photos.ResNet18Input(Photos.Holdout[0]);
        inputNames = [model.Session.InputNames[0]];
        outputNames = [model.Session.OutputNames[0]];
        boundInputs = [OrtValue.CreateTensorValueFromMemory(image, InputDims)];
        boundOutputs = [OrtValue.CreateTensorValueFromMemory(features, OutputDims)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        boundInputs[0].Dispose();
        boundOutputs[0].Dispose();
        model.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written: OrtValue + Run + copy out")]
    [BenchmarkCategory("allocating")]
    public float[] HandWrittenRun()
    {
        using var input = OrtValue.CreateTensorValueFromMemory(image, InputDims);
        using var outputs = model.Session.Run(new Dictionary<string, OrtValue> { [inputNames[0]] = input }, outputNames);
        return outputs[outputNames[0]].GetTensorDataAsSpan<float>().ToArray();
    }

    [Benchmark(Description = "generated: Run(image)")]
    [BenchmarkCategory("allocating")]
    public ModelTensor<float> GeneratedRun() => model.Run(image).Pooling395Output0;

    [Benchmark(Baseline = true, Description = "hand-written: pre-bound OrtValues")]
    [BenchmarkCategory("into buffers")]
    public float HandWrittenPreallocated()
    {
        model.Session.Run(inputNames, boundInputs, outputNames, boundOutputs);
        return features[0];
    }

    [Benchmark(Description = "generated: Run(image, features)")]
    [BenchmarkCategory("into buffers")]
    public float GeneratedRunIntoSpans()
    {
        model.Run(image, features);
        return features[0];
    }
}
