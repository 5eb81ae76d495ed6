using Microsoft.ML.OnnxRuntime;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;
using DataType = SparseCompile.Onnx.Protos.TensorProto.Types.DataType;

namespace SparseCompile.Runtime.Tests.Load;

/// <summary>
/// The load tests' model, compiled for real (2:4 + dynamic INT8, the defaults): x [8, 64] → MatMul [64, 128] → Relu →
/// MatMul [128, 32] → y [8, 32]. Small enough that a call costs microseconds, big enough that an output leaked per call
/// (1 KiB) shows in resident memory within a few thousand calls. One input per load thread, each with its reference
/// output computed on one thread.
/// </summary>
public sealed class LoadModel : IDisposable
{
    public const int Threads = 16;
    public static readonly long[] InputShape = [8, 64];
    public static readonly long[] OutputShape = [8, 32];
    public const int InputLength = 8 * 64;
    public const int OutputLength = 8 * 32;

    /// <summary>One ONNX Runtime thread per run: sixteen callers on two cores must not each fan out again.</summary>
    public static readonly SparseModelOptions Options = new() { Target = ExecutionTarget.Cpu, IntraOpThreads = 1 };

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("sparse-load-tests-");

    public LoadModel()
    {
        var b = new OnnxBuilder(13, seed: 7);
        string x = b.Input("x", DataType.Float, 8, 64);
        string h = b.Relu(b.MatMul(x, 64, 128, "fc1.weight"));
        string y = b.MatMul(h, 128, 32, "fc2.weight");
        b.Return(y, "y", DataType.Float, 8, 32);
        string dense = System.IO.Path.Combine(folder.FullName, "mlp.onnx");
        using (var model = b.BuildModel())
        {
            model.Save(dense);
        }

        Path = SparseCompiler.Compile(new CompileOptions { ModelPath = dense, OutputDirectory = System.IO.Path.Combine(folder.FullName, "out") }).ModelPath;
        Inputs = Enumerable.Range(0, Threads).Select(t => new OnnxBuilder(seed: 100 + t).RandomValues(InputLength)).ToArray();
        using var session = new SparseModelSession(Path, Options);
        Expected = Inputs.Select(input => RunAllocating(session, input)).ToArray();
    }

    /// <summary>The compiled model.</summary>
    public string Path { get; }

    /// <summary>Input number t is thread t's.</summary>
    public float[][] Inputs { get; }

    /// <summary>Each input's output, run alone on one thread.</summary>
    public float[][] Expected { get; }

    /// <summary>A runner binding the model's one input and one output.</summary>
    public static StaticShapeRunner Runner(SparseModelSession session) => new(session,
        [TensorBinding.Of<float>("x", InputShape)], [TensorBinding.Of<float>("y", OutputShape)]);

    /// <summary>Path (a): the allocating <see cref="SparseModelSession.Run(IReadOnlyDictionary{string, OrtValue})"/>.</summary>
    public static void RunAllocating(SparseModelSession session, float[] input, Span<float> output)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, InputShape);
        using var outputs = session.Run(new Dictionary<string, OrtValue> { ["x"] = value });
        outputs["y"].GetTensorDataAsSpan<float>().CopyTo(output);
    }

    /// <summary>Path (b): <see cref="ModelRun"/>, as a generated <c>Run(float[])</c> uses it.</summary>
    public static void RunModelRun(SparseModelSession session, float[] input, Span<float> output)
    {
        using var run = new ModelRun(session);
        run.AddInput<float>("x", input, InputShape, [null, null]);
        run.Execute(["y"]);
        run.Output<float>(0).Span.CopyTo(output);
    }

    /// <summary>Path (c): <see cref="StaticShapeRunner"/>, as a generated span <c>Run(x, y)</c> uses it.</summary>
    public static void RunBound(StaticShapeRunner runner, float[] input, Span<float> output)
    {
        var tensors = runner.Rent();
        try
        {
            tensors.Write<float>(0, input);
            tensors.Run();
            tensors.Read(0, output);
        }
        finally
        {
            runner.Return(tensors);
        }
    }

    public void Dispose() => folder.Delete(recursive: true);

    private static float[] RunAllocating(SparseModelSession session, float[] input)
    {
        var output = new float[OutputLength];
        RunAllocating(session, input, output);
        return output;
    }
}
