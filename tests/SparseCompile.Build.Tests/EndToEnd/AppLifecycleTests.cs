using SparseCompile.Build.Tests.Support;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;
using SparseCompile.Testing.RealData;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// One console app, as a user writes it, through a whole life: build, run, no-op rebuild, a touched mask, a changed
/// option, clean. It compiles three items: a builder model with a mask (file), a second one embedded and compressed
/// (resource), and the real ResNet18 compressed (file).
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class AppLifecycleTests(PackageFeed feed)
{
    private const string CompileTarget = "_SparseCompile_CompileModels";

    [Fact]
    public void BuildsRunsStaysUpToDateRecompilesOnChangeAndCleans()
    {
        var app = new ConsoleApp(feed, Path.Combine(feed.WorkRoot, "lifecycle"), "LifecycleApp");
        string mlp = TestModels.WriteMlp(app.File("Models/mlp.onnx"));
        string mask = TestModels.WriteMask(app.File("Models/mlp.masks.onnx"));
        string tiny = TestModels.WriteMlp(app.File("Models/tiny.onnx"), seed: 5);
        string resnet = RealModels.ResNet18Path;
        string[] Items(string mlpSparsity) =>
        [
            $"""<SparseModel Include="Models/mlp.onnx" Mask="Models/mlp.masks.onnx" Sparsity="{mlpSparsity}" />""",
            """<SparseModel Include="Models/tiny.onnx" Embed="true" Compress="true" ClassName="Tiny" />""",
            $"""<SparseModel Include="{resnet}" Compress="true" />""",
        ];
        app.WriteProject(Items("2:4"));
        var resnetFolder = Directory.GetFiles(Path.GetDirectoryName(resnet)!).Order().ToArray();

        // 1. The first build compiles all three, hands out the manifests and ships the models.
        var first = app.Build().AssertSuccess();
        Assert.Equal(3, Lines(first, "SparseCompile: ").Length);
        Assert.Contains("SparseCompile: Models/mlp.onnx → 2:4 + dynamic INT8, ", first.Output);
        foreach (string name in new[] { "mlp", "tiny", "ResNet18" })
        {
            Assert.True(File.Exists(Path.Combine(app.SparseFolder, name + ".sparsemodel.json")), name);
        }

        Assert.True(File.Exists(Path.Combine(app.OutputFolder, "mlp.onnx")));
        Assert.True(File.Exists(Path.Combine(app.OutputFolder, "ResNet18.onnx.br")));
        Assert.False(File.Exists(Path.Combine(app.OutputFolder, "ResNet18.onnx")));
        Assert.Empty(Directory.GetFiles(app.OutputFolder, "tiny.*"));
        Assert.Equal(resnetFolder, Directory.GetFiles(Path.GetDirectoryName(resnet)!).Order().ToArray()); // nothing beside the model

        // 2. The app prints what sparsec compile + raw ONNX Runtime give, and ships exactly the same model bytes.
        using var expected = new TempFolder("sc-expected");
        string expectedMlp = Reference.Compile(new CompileOptions { ModelPath = mlp, OutputDirectory = expected.Path, MaskPath = mask });
        string expectedTiny = Reference.Compile(new CompileOptions { ModelPath = tiny, OutputDirectory = expected.Path });
        string expectedResNet = Reference.Compile(new CompileOptions { ModelPath = resnet, OutputDirectory = expected.Path });
        Assert.Equal(File.ReadAllBytes(expectedMlp), File.ReadAllBytes(Path.Combine(app.OutputFolder, "mlp.onnx")));
        Assert.Equal(File.ReadAllBytes(expectedResNet), ModelCompression.Decompress(Path.Combine(app.OutputFolder, "ResNet18.onnx.br")));

        float[] input = TestModels.Input(seed: 11);
        float[] photo = Photos.ResNet18Input("chelsea");
        int[] photoDims = [1, 3, 224, 224];
        var printed = SessionProgram.Parse(app.Run(
            SessionProgram.Argument("File", "mlp.onnx", app.File("in/mlp.bin"), input, TestModels.InputDims),
            SessionProgram.Argument("Resource", "tiny.onnx.br", app.File("in/tiny.bin"), input, TestModels.InputDims),
            SessionProgram.Argument("File", "ResNet18.onnx.br", app.File("in/photo.bin"), photo, photoDims)).AssertSuccess().Output);
        Reference.AssertClose(Reference.Run(expectedMlp, input, TestModels.InputDims), printed["mlp.onnx"]);
        Reference.AssertClose(Reference.Run(expectedTiny, input, TestModels.InputDims), printed["tiny.onnx.br"]);
        Reference.AssertClose(Reference.Run(expectedResNet, photo, photoDims), printed["ResNet18.onnx.br"]);

        // 3. Nothing changed: every compile batch is skipped and no output is rewritten.
        var manifests = Directory.GetFiles(app.SparseFolder, "*.sparsemodel.json").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var second = app.Build("--no-restore").AssertSuccess();
        Assert.Equal(3, Lines(second, $"Skipping target \"{CompileTarget}\" because all output files are up-to-date").Length);
        Assert.Empty(Lines(second, "SparseCompile: "));
        Assert.All(manifests, m => Assert.Equal(m.Value, File.GetLastWriteTimeUtc(m.Key)));

        // 4. A new mask recompiles that model only.
        TestModels.WriteMask(mask, flip: 1);
        var third = app.Build("--no-restore").AssertSuccess();
        Assert.Equal(["SparseCompile: Models/mlp.onnx"], Lines(third, "SparseCompile: ").Select(l => l[..l.IndexOf(" →", StringComparison.Ordinal)]));

        // 5. A changed option recompiles that model only.
        app.WriteProject(Items("4:8"));
        var fourth = app.Build("--no-restore").AssertSuccess();
        Assert.Single(Lines(fourth, "SparseCompile: Models/mlp.onnx → 4:8 + dynamic INT8"));
        Assert.Single(Lines(fourth, "SparseCompile: "));

        // 6. A deleted compiled model recompiles its item even though the manifest survived: mlp's x.onnx, tiny's x.onnx.br.
        File.Delete(Path.Combine(app.SparseFolder, "mlp.onnx"));
        File.Delete(Path.Combine(app.SparseFolder, "tiny.onnx.br"));
        var fifth = app.Build("--no-restore").AssertSuccess();
        Assert.Equal(["SparseCompile: Models/mlp.onnx", "SparseCompile: Models/tiny.onnx"], Lines(fifth, "SparseCompile: ").Select(l => l[..l.IndexOf(" →", StringComparison.Ordinal)]).Order());
        Assert.True(File.Exists(Path.Combine(app.OutputFolder, "mlp.onnx")));

        // 7. A design-time build (the IDE) never compiles: the changed mask waits for the next real build.
        TestModels.WriteMask(mask, flip: 2);
        var designTime = app.Build("--no-restore", "-p:DesignTimeBuild=true").AssertSuccess();
        Assert.Empty(Lines(designTime, "SparseCompile: "));
        Assert.Single(Lines(app.Build("--no-restore").AssertSuccess(), "SparseCompile: Models/mlp.onnx"));

        // 8. dotnet clean removes every compiled output and shipped model.
        app.Clean().AssertSuccess();
        Assert.Empty(Directory.GetFiles(app.SparseFolder));
        Assert.Empty(Directory.GetFiles(app.OutputFolder, "*.onnx*"));
    }

    private static string[] Lines(DotnetResult result, string text) =>
        result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(text, StringComparison.Ordinal)).ToArray();
}
