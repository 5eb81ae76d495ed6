using SparseCompile.Build.Tests.Support;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using Xunit.Abstractions;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// Eight apps with a <c>&lt;SparseModel&gt;</c> item on one shared model file, built together with <c>dotnet build apps.slnx -m</c>:
/// six with the defaults, one with <c>Compress</c>, one with <c>Embed</c>. Every build succeeds, nothing is written beside
/// the model, the compiled models are byte-identical, and every app prints the same output as the model compiled in-process.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class EightProjectBuildTests(PackageFeed feed, ITestOutputHelper log)
{
    private const int Plain = 6;

    [Fact]
    public void EightProjectsBuiltWithMOnOneModelAllSucceedAndAgree()
    {
        string root = Path.Combine(feed.WorkRoot, "parallel-eight");
        string model = TestModels.WriteMlp(Path.Combine(Directory.CreateDirectory(Path.Combine(root, "shared")).FullName, "mlp.onnx"));
        const string Item = """<SparseModel Include="../shared/mlp.onnx" """;
        var apps = Enumerable.Range(1, Plain).Select(i => App(root, $"Plain{i}", Item + "/>"))
            .Append(App(root, "Compressed", Item + """Compress="true" />"""))
            .Append(App(root, "Embedded", Item + """Embed="true" />"""))
            .ToArray();

        var build = Solution.Build(root, apps, "-m").AssertSuccess();
        log.WriteLine($"dotnet build apps.slnx -m, {apps.Length} projects: {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.Elapsed < TimeSpan.FromMinutes(2), $"the build took {build.Elapsed}"); // about 31 s on two cores

        Assert.Equal([model], Directory.GetFiles(Path.GetDirectoryName(model)!)); // nothing written beside the shared model
        using var expected = new TempFolder("sc-eight-expected");
        byte[] compiled = File.ReadAllBytes(Reference.Compile(new CompileOptions { ModelPath = model, OutputDirectory = expected.Path }));
        Assert.All(apps[..Plain], app => Assert.Equal(compiled, File.ReadAllBytes(Path.Combine(app.OutputFolder, "mlp.onnx"))));
        Assert.Equal(compiled, ModelCompression.Decompress(Path.Combine(apps[Plain].OutputFolder, "mlp.onnx.br")));
        Assert.Empty(Directory.GetFiles(apps[Plain + 1].OutputFolder, "mlp.*")); // embedded, not shipped beside the app
        string manifest = File.ReadAllText(Path.Combine(apps[0].SparseFolder, "mlp.sparsemodel.json"));
        Assert.All(apps[..Plain], app => Assert.Equal(manifest, File.ReadAllText(Path.Combine(app.SparseFolder, "mlp.sparsemodel.json"))));

        float[] input = TestModels.Input(seed: 21);
        float[] y = Reference.Run(Path.Combine(expected.Path, "mlp.onnx"), input, TestModels.InputDims);
        for (int i = 0; i < apps.Length; i++)
        {
            var (kind, name) = i < Plain ? ("File", "mlp.onnx") : i == Plain ? ("File", "mlp.onnx.br") : ("Resource", "mlp.onnx");
            var app = apps[i];
            var printed = SessionProgram.Parse(app.Run(SessionProgram.Argument(kind, name, app.File("in/x.bin"), input, TestModels.InputDims)).AssertSuccess().Output);
            Assert.Equal(y, printed[name]);
        }
    }

    private ConsoleApp App(string root, string name, string item) =>
        new ConsoleApp(feed, Path.Combine(root, name), name).WriteProject(item);
}
