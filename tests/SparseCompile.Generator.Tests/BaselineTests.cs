using SparseCompile.Generator.Tests.Support;

namespace SparseCompile.Generator.Tests;

/// <summary>The generated source, file by file, against the checked-in baselines (see README: updating baselines).</summary>
public class BaselineTests
{
    [Fact]
    public void TinyStaticModelFromAResource() =>
        Verify("TinyResource", CompiledModels.Tiny.Manifest("TinyModel", "Demo.Models", "Resource", "tiny.onnx.br"));

    [Fact]
    public void TinyDynamicModelBesideTheApp() =>
        Verify("TinyDynamic", CompiledModels.TinyDynamic.Manifest());

    [Fact]
    public void ResNet18() => Verify("ResNet18", CompiledModels.ResNet18.Manifest("ResNet18", load: "File", modelPath: "models/resnet18.onnx"));

    [Fact]
    public void MiniLM() => Verify("MiniLM", CompiledModels.MiniLM.Manifest("MiniLM", "Demo.Text"));

    [Fact]
    public void HostileNames() => Verify("HostileNames", TestManifests.Hostile());

    private static void Verify(string testId, ManifestFile manifest)
    {
        var (result, _) = GeneratorHarness.Run(manifest);
        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.GeneratedSources);
        Baselines.Verify(testId, source.HintName, source.SourceText.ToString());
    }
}
