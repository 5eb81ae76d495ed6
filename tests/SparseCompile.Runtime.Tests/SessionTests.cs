using Microsoft.ML.OnnxRuntime;

namespace SparseCompile.Runtime.Tests;

public sealed class SessionTests : IClassFixture<MatMulModel>
{
    private readonly MatMulModel model;

    public SessionTests(MatMulModel model) => this.model = model;

    [Fact]
    public void Names_and_metadata_come_from_the_model()
    {
        using var session = new SparseModelSession(model.Path);

        Assert.Equal(["x"], session.InputNames);
        Assert.Equal(["y"], session.OutputNames);
        Assert.Equal("SparseCompile.Testing", session.ProducerName);
        Assert.Equal([2, 16], session.InputMetadata["x"].Dimensions);
        Assert.Equal([2, 8], session.OutputMetadata["y"].Dimensions);
    }

    [Fact]
    public void Runs_into_caller_owned_outputs()
    {
        using var session = new SparseModelSession(model.Path);
        var result = new float[16];
        using var input = OrtValue.CreateTensorValueFromMemory(model.Input, MatMulModel.InputShape);
        using var output = OrtValue.CreateTensorValueFromMemory(result, MatMulModel.OutputShape);

        session.Run(["x"], [input], ["y"], [output]);

        Assert.Equal(model.Expected, result);
    }

    [Fact]
    public void Mismatched_names_and_values_are_rejected()
    {
        using var session = new SparseModelSession(model.Path);
        using var input = OrtValue.CreateTensorValueFromMemory(model.Input, MatMulModel.InputShape);

        var e = Assert.Throws<SparseModelException>(() => session.Run(["x"], [input], ["y"], []));
        Assert.Equal(SparseModelErrorCodes.InvalidRun, e.Code);
    }

    [Fact]
    public void Eight_threads_sharing_one_session_get_the_same_results()
    {
        using var session = new SparseModelSession(model.Path);
        var results = new float[8][];

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (int i = 0; i < 50; i++)
            {
                results[thread] = model.RunOnce(session);
                Assert.Equal(model.Expected, results[thread]);
            }
        });

        Assert.All(results, r => Assert.Equal(model.Expected, r));
    }

    [Fact]
    public void Disposing_twice_is_safe_and_later_runs_throw()
    {
        var session = new SparseModelSession(model.Path);

        session.Dispose();
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.RunOnce(session));
    }
}
