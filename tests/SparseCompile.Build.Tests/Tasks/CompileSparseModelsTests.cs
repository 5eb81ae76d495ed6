using Microsoft.Build.Framework;
using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.Tasks;

/// <summary>The compile task: outputs, the size line, and input errors as SC errors at the project file.</summary>
public sealed class CompileSparseModelsTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TaskRunner runner;
    private readonly string model;

    public CompileSparseModelsTests()
    {
        runner = new TaskRunner(folder);
        model = TestModels.WriteMlp(folder.File("Models/mlp.onnx"));
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void CompilesIntoTheOutputFolderAndReportsBothSizes()
    {
        var (ok, engine) = runner.Build(TaskRunner.Item("Models/mlp.onnx", "Compress", "true"));

        Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
        foreach (string file in new[] { "mlp.onnx", "mlp.onnx.br", "mlp.sparsemodel.json", "mlp.report.html", "mlp.sparseoptions" })
        {
            Assert.True(File.Exists(Path.Combine(runner.OutputDirectory, file)), file);
        }

        var line = Assert.Single(engine.Messages, m => m.Message!.StartsWith("SparseCompile: ", StringComparison.Ordinal));
        Assert.Matches(@"^SparseCompile: Models/mlp\.onnx → 2:4 \+ dynamic INT8, \d+(\.\d)? k?B → \d+(\.\d)? k?B \(Brotli \d+(\.\d)? k?B\) in \d+\.\d s$", line.Message);
        Assert.Equal(MessageImportance.Normal, line.Importance);
        Assert.Empty(Directory.GetDirectories(runner.OutputDirectory)); // no staging folder left
        Assert.Equal([model], Directory.GetFiles(Path.GetDirectoryName(model)!)); // nothing written beside the model
    }

    [Fact]
    public void AMissingModelIsSC1001AtTheProjectFile()
    {
        var (ok, engine) = runner.Build(TaskRunner.Item("Models/missing.onnx"));

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SC1001", error.Code);
        Assert.Equal(runner.ProjectFile, error.File);
        Assert.StartsWith(Path.Combine(folder.Path, "Models", "missing.onnx") + ": ", error.Message);
        Assert.DoesNotContain(" at SparseCompile.", error.Message); // no stack trace
    }

    [Fact]
    public void ACorruptMaskIsAnSC11xxErrorNamingTheMask()
    {
        File.WriteAllBytes(folder.File("Models/mlp.npz"), "not a zip"u8.ToArray());

        var (ok, engine) = runner.Build(TaskRunner.Item("Models/mlp.onnx", "Mask", "Models/mlp.npz"));

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SC1105", error.Code);
        Assert.Equal(runner.ProjectFile, error.File);
        Assert.StartsWith(Path.Combine(folder.Path, "Models", "mlp.npz") + ": ", error.Message);
        Assert.False(File.Exists(Path.Combine(runner.OutputDirectory, "mlp.sparsemodel.json")));
    }

    [Fact]
    public void AMaskThatNamesAnotherTensorNamesTheTensor()
    {
        var b = new Testing.OnnxBuilder();
        b.Initializer("w1", [16, 31], new float[16 * 31]);
        using (var mask = b.BuildModel())
        {
            mask.Save(folder.File("Models/bad.masks.onnx"));
        }

        var (ok, engine) = runner.Build(TaskRunner.Item("Models/mlp.onnx", "Mask", "Models/bad.masks.onnx"));

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("SC1122", error.Code);
        Assert.Contains("w1", error.Message);
    }

    [Fact]
    public void CompileWarningsAreWarningsWithTheirCode()
    {
        var (ok, engine) = runner.Build(TaskRunner.Item("Models/mlp.onnx", "ExcludeWeights", "nothing_*"));

        Assert.True(ok);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("SC2005", warning.Code);
        Assert.Equal(runner.ProjectFile, warning.File);
        Assert.StartsWith(model + ": ", warning.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WhereTheBuildPromotesWarningsTheyAreMessagesUnlessTheProjectOptsIn(bool warningsAsErrors)
    {
        var (_, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "ExcludeWeights", "nothing_*"));

        var (ok, engine) = runner.Compile(new PromotingBuildEngine("SC2005"), warningsAsErrors, resolved);

        Assert.Equal(!warningsAsErrors, ok);
        if (warningsAsErrors)
        {
            Assert.Equal("SC2005", Assert.Single(engine.Errors).Code); // MSBuild's logging helper promotes it, as -warnaserror does
        }
        else
        {
            Assert.Empty(engine.Warnings);
            var message = Assert.Single(engine.Messages, m => m.Message!.StartsWith("SparseCompile SC2005: ", StringComparison.Ordinal));
            Assert.Equal(MessageImportance.High, message.Importance);
            Assert.Contains(model + ": ", message.Message);
        }
    }

    [Fact]
    public void AWarningTheBuildDoesNotPromoteStaysAWarning()
    {
        var (_, resolved, _) = runner.Prepare(TaskRunner.Item("Models/mlp.onnx", "ExcludeWeights", "nothing_*"));

        var (_, engine) = runner.Compile(new PromotingBuildEngine("SC2001"), warningsAsErrors: false, resolved);

        Assert.Equal("SC2005", Assert.Single(engine.Warnings).Code);
    }

    [Fact]
    public void NoSparsityAndNoMaskIsReportedAsDense()
    {
        var (ok, engine) = runner.Build(TaskRunner.Item("Models/mlp.onnx", "Sparsity", "none"));

        Assert.True(ok, string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Single(engine.Messages, m => m.Message!.StartsWith("SparseCompile: Models/mlp.onnx → dense + dynamic INT8, ", StringComparison.Ordinal));
    }
}
