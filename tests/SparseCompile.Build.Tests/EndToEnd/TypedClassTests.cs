using SparseCompile.Build.Tests.Support;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// The promise of the product, tested the way a new user meets it: a console app adds the package and two items,
/// builds, and calls the generated classes. Everything they print equals the same model compiled like
/// <c>sparsec compile</c> and run with raw ONNX Runtime.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class TypedClassTests(PackageFeed feed)
{
    [Fact]
    public void NewAppCallsTheGeneratedClassesAndGetsTheCompiledModelsOutputs()
    {
        var app = new ConsoleApp(feed, Path.Combine(feed.WorkRoot, "typed"), "TypedApp");
        string mlp = TestModels.WriteMlp(app.File("Models/mlp.onnx"));
        app.WriteProject(
            """<SparseModel Include="Models/mlp.onnx" />""",
            $"""<SparseModel Include="{RealModels.MiniLMPath}" ClassName="MiniLM" Namespace="Demo.Text" />""");
        app.WriteProgram(TypedClassProgram.Source);

        app.Build().AssertSuccess();

        float[] x = TestModels.Input(seed: 3);
        var tokens = MiniLMInputs.Tokenize(Sentences.Holdout.Take(2).ToArray());
        var run = app.Run(
            TypedClassProgram.WriteInput(app.File("in/x.bin"), x),
            TypedClassProgram.WriteInput(app.File("in/ids.bin"), tokens.InputIds),
            TypedClassProgram.WriteInput(app.File("in/mask.bin"), tokens.AttentionMask),
            TypedClassProgram.WriteInput(app.File("in/types.bin"), tokens.TokenTypeIds),
            tokens.Batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            tokens.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)).AssertSuccess();
        var printed = TypedClassProgram.Values(run.Output);

        using var expected = new TempFolder("sc-typed-expected");
        string expectedMlp = Reference.Compile(new CompileOptions { ModelPath = mlp, OutputDirectory = expected.Path });
        float[] y = Reference.Run(expectedMlp, x, TestModels.InputDims);
        Assert.Equal(y, printed["mlp.Run"]);
        Assert.Equal(y, printed["mlp.RunSpan"]);
        Assert.Equal(y, printed["mlp.RunAsync"]);
        Assert.Equal([1f, 8f], printed["mlp.Run.shape"]);
        Assert.Contains("provider: CPUExecutionProvider", run.Output);
        Assert.Contains("error: x: expected [1, 16] = 16 elements, got 15", run.Output);

        string expectedMiniLM = Reference.Compile(new CompileOptions { ModelPath = RealModels.MiniLMPath, OutputDirectory = expected.Path });
        var reference = OrtRunner.RunInt64(expectedMiniLM, tokens.Feeds);
        Reference.AssertClose(reference["last_hidden_state"], printed["minilm.last_hidden_state"]);
        Reference.AssertClose(reference["924"], printed["minilm.924"]);
    }
}
