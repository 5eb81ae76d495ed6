namespace SparseCompile.Runtime.Tests;

/// <summary>ModelRun (the allocating run behind generated Run/RunAsync) and the shape checks it uses.</summary>
public sealed class ModelRunTests : IDisposable
{
    private readonly MatMulModel model = new();
    private readonly SparseModelSession session;

    public ModelRunTests() => session = new SparseModelSession(model.Path, new SparseModelOptions { Target = ExecutionTarget.Cpu });

    [Fact]
    public void CopiesOutputsWithTheirShape()
    {
        using var run = new ModelRun(session);
        run.AddInput<float>("x", model.Input, MatMulModel.InputShape, [null, null]);
        run.Execute(["y"]);

        var y = run.Output<float>(0);
        Assert.Equal(model.Expected, y.ToArray());
        Assert.Equal(MatMulModel.OutputShape, y.Shape);
    }

    [Fact]
    public void ACancelledTokenStopsTheRunBeforeItStarts()
    {
        using var run = new ModelRun(session);
        run.AddInput<float>("x", model.Input, MatMulModel.InputShape, [null, null]);

        Assert.Throws<OperationCanceledException>(() => run.Execute(["y"], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void ACancellableTokenThatIsNotCancelledRunsNormally()
    {
        using var cancellation = new CancellationTokenSource();
        using var run = new ModelRun(session);
        run.AddInput<float>("x", model.Input, MatMulModel.InputShape, [null, null]);
        run.Execute(["y"], cancellation.Token);

        Assert.Equal(model.Expected, run.Output<float>(0).ToArray());
    }

    [Fact]
    public void ReadingAnOutputAsTheWrongTypeFails()
    {
        using var run = new ModelRun(session);
        run.AddInput<float>("x", model.Input, MatMulModel.InputShape, [null, null]);
        run.Execute(["y"]);

        Assert.Throws<InvalidOperationException>(() => run.Output<double>(0));
    }

    [Theory]
    [InlineData(15, "input_ids: expected [batch_size=2, sequence_length=8] = 16 elements, got 15")]
    [InlineData(17, "input_ids: expected [batch_size=2, sequence_length=8] = 16 elements, got 17")]
    public void ShapeMessagesNameTheInputAndItsDimensions(int length, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TensorShapes.Require("input_ids", length, [2, 8], ["batch_size", "sequence_length"]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveDimensionsAreRejected() =>
        Assert.Throws<ArgumentException>(() => TensorShapes.Require("x", 0, [0, 16], ["batch", null]));

    [Fact]
    public void OptionsCopyKeepsTheCallersSettings()
    {
        var mine = new SparseModelOptions { Target = ExecutionTarget.Cpu, IntraOpThreads = 3, EnableFp16 = false };

        var copy = mine with { QuantizedQdq = true };

        Assert.Equal((ExecutionTarget.Cpu, 3, false, true), (copy.Target, copy.IntraOpThreads, copy.EnableFp16, copy.QuantizedQdq));
        Assert.False(mine.QuantizedQdq);
    }

    public void Dispose()
    {
        session.Dispose();
        model.Dispose();
    }
}
