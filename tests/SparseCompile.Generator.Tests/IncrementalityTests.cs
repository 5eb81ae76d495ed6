using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SparseCompile.Generator.Tests.Support;

namespace SparseCompile.Generator.Tests;

/// <summary>Unchanged manifests are not parsed or emitted again.</summary>
public class IncrementalityTests
{
    private static readonly string[] ParseSteps = ["ManifestInputs", "ParseResults", "Models"];

    [Fact]
    public void RerunWithTheSameInputsIsCached()
    {
        var compilation = GeneratorHarness.Compilation("namespace App { }");
        var driver = GeneratorHarness.Driver([CompiledModels.Tiny.Manifest()], track: true).RunGenerators(compilation);

        driver = driver.RunGenerators(compilation);

        AssertNothingReran(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void AnEditedCSharpFileDoesNotRegenerate()
    {
        var compilation = GeneratorHarness.Compilation("namespace App { }");
        var driver = GeneratorHarness.Driver([CompiledModels.Tiny.Manifest(), TestManifests.Hostile()], track: true).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App { class Other { } }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(edited);

        AssertNothingReran(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void ANewButEqualOptionsProviderDoesNotRegenerate()
    {
        // Each build writes the editorconfig again, so the compiler hands the generator a new provider with the same values.
        var compilation = GeneratorHarness.Compilation("namespace App { }");
        var manifests = new[] { CompiledModels.Tiny.Manifest(), TestManifests.Hostile() };
        var driver = GeneratorHarness.Driver(manifests, track: true).RunGenerators(compilation);

        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.Options(manifests, "App")).RunGenerators(compilation);

        AssertNothingReran(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void AChangedRootNamespaceRegenerates()
    {
        var compilation = GeneratorHarness.Compilation("namespace App { }");
        var manifests = new[] { CompiledModels.Tiny.Manifest() };
        var driver = GeneratorHarness.Driver(manifests, track: true).RunGenerators(compilation);

        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.Options(manifests, "Other")).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps["Models"].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.StartsWith("Other.", Assert.Single(result.GeneratedSources).HintName, StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedManifestRegeneratesOnlyItsOwnClass()
    {
        var compilation = GeneratorHarness.Compilation("namespace App { }");
        var tiny = CompiledModels.Tiny.Manifest("First");
        var other = CompiledModels.TinyDynamic.Manifest("Second");
        var driver = GeneratorHarness.Driver([tiny, other], out var texts, track: true).RunGenerators(compilation);

        var changed = new InMemoryAdditionalText(other.Path, other.Text.Replace("\"batch\"", "\"rows\"", StringComparison.Ordinal));
        var before = driver.GetRunResult().Results.Single().GeneratedSources;
        driver = driver.ReplaceAdditionalText(texts[1], changed).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        var reasons = result.TrackedSteps["Models"].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Single(reasons, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("rows", result.GeneratedSources.Single(s => s.HintName == "App.Second.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Equal(before.Single(s => s.HintName == "App.First.g.cs").SourceText.ToString(),
            result.GeneratedSources.Single(s => s.HintName == "App.First.g.cs").SourceText.ToString());
    }

    private static void AssertNothingReran(GeneratorRunResult result)
    {
        foreach (string step in ParseSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {o.Reason}"));
    }
}
