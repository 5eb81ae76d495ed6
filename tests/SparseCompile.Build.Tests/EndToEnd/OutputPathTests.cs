using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>SparseCompileOutputPath, even given on the command line without a trailing slash, is a folder relative to the project.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class OutputPathTests(PackageFeed feed)
{
    [Fact]
    public void ARelativeOutputPathWithoutATrailingSlashIsAFolderUnderTheProject()
    {
        var app = new ConsoleApp(feed, Path.Combine(feed.WorkRoot, "output-path"), "OutputPathApp")
            .WriteProject("""<SparseModel Include="Models/mlp.onnx" />""");
        TestModels.WriteMlp(app.File("Models/mlp.onnx"));

        app.Build("-p:SparseCompileOutputPath=compiled").AssertSuccess();

        Assert.True(File.Exists(Path.Combine(app.Folder, "compiled", "mlp.sparsemodel.json")));
        Assert.True(File.Exists(Path.Combine(app.OutputFolder, "mlp.onnx")));
        Assert.False(Directory.Exists(app.SparseFolder));
    }
}
