using System.Diagnostics;
using Xunit.Abstractions;

namespace SparseCompile.Runtime.Tests.Load;

/// <summary>The load tests run alone, after the others: they read the whole process's resident memory.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection : ICollectionFixture<LoadModel>
{
    public const string Name = "Load";
}

/// <summary>
/// One compiled model shared by 16 threads, 10,000 calls each, through each run path a caller or a generated class uses:
/// every result equals the one-thread reference bit for bit, and resident memory (native included) and the managed heap
/// stay flat over the 160,000 calls. Creating, running and disposing sessions in a loop leaves memory flat as well.
/// </summary>
/// <remarks>
/// The bounds: after a warm-up that reaches the same concurrency (every thread's malloc arena, ONNX Runtime's CPU arena and
/// the runner pool already grown), 160,000 calls may add at most 16 MiB of resident memory, room for allocator noise. One
/// leaked output per call (1 KiB) would add 160 MiB, a leaked run's input value and output value together more, so any leak
/// of 100 bytes or more per call fails. The managed heap, after full collections, may differ by at most 2 MiB. 200 session
/// lives may add at most 4 MiB: one session kept alive costs about 80 KiB, so a leak of 20 KiB or more per life fails.
/// <see cref="TheMeasureSeesLeakedNativeValuesAndSessions"/> shows both kinds of leak crossing their bound. ONNX Runtime's
/// values, bindings and sessions have finalizers, so one that is merely left undisposed is freed by the collections before
/// each reading; what these tests catch is memory that stays reachable or is owned by no finalizable wrapper.
/// </remarks>
[Collection(LoadCollection.Name)]
public sealed class LoadTests(LoadModel model, ITestOutputHelper log)
{
    private const int CallsPerThread = 10_000;
    private const int WarmUpCallsPerThread = 1_000;
    private const long ResidentBound = 16L << 20;
    private const long ManagedBound = 2L << 20;
    private const long SessionLoopBound = 4L << 20;

    [Fact]
    public void AllocatingSessionRunFromSixteenThreadsIsCorrectAndFlat()
    {
        using var session = new SparseModelSession(model.Path, LoadModel.Options);
        AssertCorrectAndFlat("SparseModelSession.Run", (input, output) => LoadModel.RunAllocating(session, input, output));
    }

    [Fact]
    public void ModelRunFromSixteenThreadsIsCorrectAndFlat()
    {
        using var session = new SparseModelSession(model.Path, LoadModel.Options);
        AssertCorrectAndFlat("ModelRun", (input, output) => LoadModel.RunModelRun(session, input, output));
    }

    [Fact]
    public void StaticShapeRunnerFromSixteenThreadsIsCorrectAndFlat()
    {
        // Sixteen threads share a pool of max(2, cores) sets, so most calls also create and release a set of bound buffers.
        using var session = new SparseModelSession(model.Path, LoadModel.Options);
        using var runner = LoadModel.Runner(session);
        AssertCorrectAndFlat("StaticShapeRunner", (input, output) => LoadModel.RunBound(runner, input, output));
    }

    [Fact]
    public void SessionsCreatedRunAndDisposedInALoopLeaveMemoryFlat()
    {
        const int WarmUp = 20;
        const int Sessions = 200;
        for (int i = 0; i < WarmUp; i++)
        {
            OneSessionLife(i);
        }

        var before = ProcessMemory.Measure();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Sessions; i++)
        {
            OneSessionLife(i);
        }

        clock.Stop();
        var after = ProcessMemory.Measure();
        log.WriteLine($"{Sessions} sessions created, run on every path and disposed in {clock.Elapsed.TotalSeconds:F1} s");
        log.WriteLine($"before: {before}; after: {after}");

        AssertFlat(before, after, SessionLoopBound);
    }

    [Fact]
    public void TheMeasureSeesLeakedNativeValuesAndSessions()
    {
        // The bounds are only worth their name if a real leak crosses them: keep the native outputs of 20,000 runs, and
        // 200 sessions, alive (referenced, so no finalizer frees them) and measure as the tests above do.
        const int Runs = 20_000;
        const int Sessions = 200;
        using var session = new SparseModelSession(model.Path, LoadModel.Options);
        using var value = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(model.Inputs[0], LoadModel.InputShape);
        var feeds = new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["x"] = value };
        session.Run(feeds).Dispose();

        var before = ProcessMemory.Measure();
        var outputs = Enumerable.Range(0, Runs).Select(_ => session.Run(feeds)).ToList();
        var leakedOutputs = ProcessMemory.Measure();
        outputs.ForEach(o => o.Dispose());
        var sessions = Enumerable.Range(0, Sessions).Select(_ => new SparseModelSession(model.Path, LoadModel.Options)).ToList();
        var leakedSessions = ProcessMemory.Measure();
        sessions.ForEach(s => s.Dispose());
        var released = ProcessMemory.Measure();

        log.WriteLine($"before: {before}");
        log.WriteLine($"{Runs:N0} outputs kept: {leakedOutputs}");
        log.WriteLine($"outputs released, {Sessions} sessions kept: {leakedSessions}");
        log.WriteLine($"all released: {released}");
        Assert.True(leakedOutputs.Resident - before.Resident > ResidentBound, $"{Runs} leaked outputs: {before} → {leakedOutputs}");
        Assert.True(leakedSessions.Resident - leakedOutputs.Resident > SessionLoopBound, $"{Sessions} leaked sessions: {leakedOutputs} → {leakedSessions}");
    }

    /// <summary>A session's whole life: every run path, a runner renting more sets than it pools, then disposal.</summary>
    private void OneSessionLife(int i)
    {
        float[] input = model.Inputs[i % LoadModel.Threads];
        float[] expected = model.Expected[i % LoadModel.Threads];
        var output = new float[LoadModel.OutputLength];
        using var session = new SparseModelSession(model.Path, LoadModel.Options);
        LoadModel.RunAllocating(session, input, output);
        Assert.Equal(expected, output);
        LoadModel.RunModelRun(session, input, output);
        Assert.Equal(expected, output);
        using var runner = LoadModel.Runner(session);
        var rented = Enumerable.Range(0, runner.PoolSize + 1).Select(_ => runner.Rent()).ToArray();
        foreach (var tensors in rented)
        {
            tensors.Write<float>(0, input);
            tensors.Run();
            tensors.Read<float>(0, output);
            Assert.Equal(expected, output);
        }

        Array.ForEach(rented, runner.Return);
    }

    private void AssertCorrectAndFlat(string path, LoadCall call)
    {
        var warmUp = LoadDriver.Hammer(model, WarmUpCallsPerThread, call);
        Assert.Null(warmUp.Error);
        var before = ProcessMemory.Measure();

        var run = LoadDriver.Hammer(model, CallsPerThread, call);

        var after = ProcessMemory.Measure();
        log.WriteLine($"{path}: {run.Calls:N0} calls from {LoadModel.Threads} threads in {run.Elapsed.TotalSeconds:F2} s = {run.CallsPerSecond:N0} calls/s");
        log.WriteLine($"before: {before}; after: {after}");
        Assert.Null(run.Error);
        Assert.Equal((long)LoadModel.Threads * CallsPerThread, run.Calls);
        Assert.Equal(0, run.Mismatches);
        AssertFlat(before, after, ResidentBound);
    }

    private static void AssertFlat(ProcessMemory before, ProcessMemory after, long residentBound)
    {
        Assert.True(after.Resident - before.Resident < residentBound, $"resident memory grew from {before} to {after}");
        Assert.True(Math.Abs(after.Managed - before.Managed) < ManagedBound, $"the managed heap grew from {before} to {after}");
    }
}
