namespace SparseCompile.Runtime.Tests;

/// <summary>StaticShapeRunner: pre-bound native buffers give plain ONNX Runtime's results, allocate nothing when warm, and serve many threads.</summary>
public sealed class BoundRunTests : IDisposable
{
    private readonly MatMulModel model = new();
    private readonly SparseModelSession session;
    private readonly StaticShapeRunner runner;

    public BoundRunTests()
    {
        session = new SparseModelSession(model.Path, new SparseModelOptions { Target = ExecutionTarget.Cpu });
        runner = new StaticShapeRunner(session,
            [TensorBinding.Of<float>("x", MatMulModel.InputShape)],
            [TensorBinding.Of<float>("y", MatMulModel.OutputShape)]);
    }

    [Fact]
    public void GivesOnnxRuntimesResult() => Assert.Equal(model.Expected, Run(model.Input));

    [Fact]
    public void WarmRunsAllocateNothing()
    {
        var output = new float[16];
        Run(model.Input, output);
        Run(model.Input, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            Run(model.Input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(model.Expected, output);
    }

    [Fact]
    public void RunsFromManyThreadsAtOnceGiveEachItsOwnResult()
    {
        var inputs = Enumerable.Range(0, 8).Select(t => model.Input.Select(v => v * (t + 1)).ToArray()).ToArray();
        var expected = inputs.Select(RunAlone).ToArray();

        Parallel.For(0, 8 * 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var output = new float[16];
            Run(inputs[i % 8], output);
            Assert.Equal(expected[i % 8], output);
        });
    }

    [Fact]
    public void WrongLengthNamesTheTensorAndShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Run(model.Input[..31]));

        Assert.StartsWith("x: expected [2, 16] = 32 elements, got 31", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongElementTypeIsRejected()
    {
        var tensors = runner.Rent();
        try
        {
            Assert.Throws<ArgumentException>(() => tensors.Write<double>(0, new double[32]));
        }
        finally
        {
            runner.Return(tensors);
        }
    }

    [Fact]
    public void DynamicDimensionsCannotBeBound() =>
        Assert.Throws<ArgumentException>(() => TensorBinding.Of<float>("x", -1, 16));

    [Fact]
    public void RentAfterDisposeThrows()
    {
        runner.Dispose();

        Assert.Throws<ObjectDisposedException>(() => runner.Rent());
    }

    public void Dispose()
    {
        runner.Dispose();
        session.Dispose();
        model.Dispose();
    }

    private float[] Run(float[] input)
    {
        var output = new float[16];
        Run(input, output);
        return output;
    }

    private void Run(float[] input, float[] output)
    {
        var tensors = runner.Rent();
        try
        {
            tensors.Write<float>(0, input);
            tensors.Run();
            tensors.Read<float>(0, output);
        }
        finally
        {
            runner.Return(tensors);
        }
    }

    private float[] RunAlone(float[] input)
    {
        using var run = new ModelRun(session);
        run.AddInput<float>("x", input, MatMulModel.InputShape, [null, null]);
        run.Execute(["y"]);
        return run.Output<float>(0).ToArray();
    }
}
