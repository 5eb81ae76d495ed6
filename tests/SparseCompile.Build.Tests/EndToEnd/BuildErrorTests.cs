using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>A missing model, a corrupt model and a corrupt mask each fail their app's build with the SC code at the project file.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class BuildErrorTests(PackageFeed feed)
{
    [Fact]
    public void BadInputsFailTheBuildWithTheirCodeAtTheProjectFile()
    {
        string root = Path.Combine(feed.WorkRoot, "errors");
        var missing = new ConsoleApp(feed, Path.Combine(root, "missing"), "MissingModel")
            .WriteProject("""<SparseModel Include="Models/missing.onnx" />""");
        var corrupt = new ConsoleApp(feed, Path.Combine(root, "corrupt"), "CorruptModel")
            .WriteProject("""<SparseModel Include="Models/corrupt.onnx" />""");
        File.WriteAllBytes(corrupt.File("Models/corrupt.onnx"), [0x0A, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2]);
        var badMask = new ConsoleApp(feed, Path.Combine(root, "mask"), "CorruptMask")
            .WriteProject("""<SparseModel Include="Models/mlp.onnx" Mask="Models/mlp.npz" />""");
        TestModels.WriteMlp(badMask.File("Models/mlp.onnx"));
        File.WriteAllBytes(badMask.File("Models/mlp.npz"), "PK not really a zip"u8.ToArray());

        var result = Solution.BuildParallel(root, missing, corrupt, badMask);

        Assert.NotEqual(0, result.ExitCode);
        AssertError(result, missing, "SC1001", "Models/missing.onnx");
        AssertError(result, corrupt, "SC1003", "Models/corrupt.onnx");
        AssertError(result, badMask, "SC1105", "Models/mlp.npz");
        Assert.DoesNotContain("   at SparseCompile.", result.Output); // no stack traces for user errors
        Assert.False(File.Exists(Path.Combine(badMask.SparseFolder, "mlp.sparsemodel.json")));
    }

    private static void AssertError(DotnetResult result, ConsoleApp app, string code, string file)
    {
        string expected = $"{app.ProjectPath} : SparseCompile error {code}: {Path.Combine(app.Folder, file)}: ";
        Assert.True(result.Output.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in:\n{result.Output}");
    }
}
