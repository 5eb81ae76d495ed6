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
    public void WarmRunsFromConcurrentThreadsAllocateNothing()
    {
        // Two threads: with as many pooled sets as threads, a renter always finds one (a third thread could, in a rare
        // interleaving, scan past a set another thread moves behind it). The pool has at least two slots.
        const int threads = 2;
        const int calls = 300;
        Assert.True(runner.PoolSize >= threads);
        var inputs = Enumerable.Range(0, threads).Select(t => model.Input.Select(v => v * (t + 2)).ToArray()).ToArray();
        var expected = inputs.Select(RunAlone).ToArray();

        // Fill the pool with one set per thread, so the first concurrent calls find them.
        var rented = Enumerable.Range(0, threads).Select(_ => runner.Rent()).ToArray();
        Array.ForEach(rented, runner.Return);

        var allocated = new long[threads];
        var outputs = new float[threads][];
        var errors = new Exception?[threads];
        int arrived = 0;
        int failed = 0;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                // Every round, each thread holds its rented set until all threads hold one, so the calls really overlap.
                var output = new float[16];
                int round = 0;
                void Round()
                {
                    var tensors = runner.Rent();
                    Interlocked.Increment(ref arrived);
                    round++;
                    var spin = default(SpinWait);
                    while (Volatile.Read(ref arrived) < round * threads && Volatile.Read(ref failed) == 0)
                    {
                        spin.SpinOnce();
                    }

                    tensors.Write<float>(0, inputs[t]);
                    tensors.Run();
                    tensors.Read<float>(0, output);
                    runner.Return(tensors);
                }

                for (int i = 0; i < 20; i++)
                {
                    Round();
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < calls; i++)
                {
                    Round();
                }

                allocated[t] = GC.GetAllocatedBytesForCurrentThread() - before;
                outputs[t] = output;
            }
            catch (Exception e)
            {
                errors[t] = e;
                Volatile.Write(ref failed, 1);
            }
        })).ToArray();
        Array.ForEach(workers, w => w.Start());
        Array.ForEach(workers, w => w.Join());

        Assert.All(errors, Assert.Null);
        Assert.Equal(new long[threads], allocated);
        Assert.Equal(expected, outputs);
    }

    [Fact]
    public void SetsRentedAtTheSameTimeAreAllReusedUpToThePoolSize()
    {
        var warm = Enumerable.Range(0, runner.PoolSize).Select(_ => runner.Rent()).ToArray();
        Array.ForEach(warm, runner.Return);
        var again = new BoundTensors[runner.PoolSize];

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < again.Length; i++)
        {
            again[i] = runner.Rent();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.ForEach(again, runner.Return);

        Assert.Equal(0, allocated);
        Assert.Equal(warm.ToHashSet(), again.ToHashSet());
    }

    [Fact]
    public void DisposeReleasesPooledBuffersAndBuffersReturnedLater()
    {
        var first = runner.Rent();
        var second = runner.Rent();
        var late = runner.Rent();
        runner.Return(first);
        runner.Return(second);

        runner.Dispose();
        runner.Return(late);

        Assert.Throws<ObjectDisposedException>(first.Run);
        Assert.Throws<ObjectDisposedException>(second.Run);
        Assert.Throws<ObjectDisposedException>(late.Run);
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
