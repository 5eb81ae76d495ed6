using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>Two apps compiling the same model file, built in parallel, do not interfere.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ParallelBuildTests(PackageFeed feed)
{
    [Fact]
    public void TwoProjectsBuiltWithMOnOneModelBothSucceed()
    {
        string root = Path.Combine(feed.WorkRoot, "parallel");
        string model = TestModels.WriteMlp(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "shared")).FullName, "mlp.onnx"));
        var apps = new[] { "First", "Second" }
            .Select(name => new ConsoleApp(feed, Path.Combine(root, name), name).WriteProject("""<SparseModel Include="../shared/mlp.onnx" />"""))
            .ToArray();

        Solution.BuildParallel(root, apps).AssertSuccess();

        Assert.Equal([model], Directory.GetFiles(Path.GetDirectoryName(model)!)); // nothing written beside the shared model
        byte[] first = File.ReadAllBytes(Path.Combine(apps[0].OutputFolder, "mlp.onnx"));
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(apps[1].OutputFolder, "mlp.onnx")));
        Assert.All(apps, app => Assert.True(File.Exists(Path.Combine(app.SparseFolder, "mlp.sparsemodel.json"))));
    }
}
