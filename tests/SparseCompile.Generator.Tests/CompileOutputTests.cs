using Microsoft.CodeAnalysis;
using SparseCompile.Generator.Tests.Support;

namespace SparseCompile.Generator.Tests;

/// <summary>The generated code compiles cleanly (warnings included) and has the promised API.</summary>
public class CompileOutputTests
{
    public static TheoryData<string> Models => ["Tiny", "TinyDynamic", "ResNet18", "MiniLM", "Hostile"];

    [Theory]
    [MemberData(nameof(Models))]
    public void CompilesWithoutDiagnostics(string model)
    {
        var (result, output) = GeneratorHarness.Run(Manifest(model));

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("Tiny", true)]
    [InlineData("TinyDynamic", false)]
    [InlineData("ResNet18", true)]
    [InlineData("MiniLM", false)]
    public void HasTheWrapperApi(string model, bool spanOverload)
    {
        var (result, output) = GeneratorHarness.Run(Manifest(model));
        var type = output.GetTypeByMetadataName("App.Wrapped")!;

        Assert.True(type.IsSealed);
        Assert.Contains(type.AllInterfaces, i => i.ToDisplayString() == "System.IDisposable");
        var load = Assert.Single(type.GetMembers("Load").OfType<IMethodSymbol>());
        Assert.True(load.IsStatic);
        Assert.Equal("SparseCompile.Runtime.SparseModelOptions?", load.Parameters.Single().Type.ToDisplayString());
        Assert.Equal("App.Wrapped.Output", Assert.Single(type.GetMembers("RunAsync").OfType<IMethodSymbol>()).ReturnType is INamedTypeSymbol task
            ? task.TypeArguments.Single().ToDisplayString() : null);
        Assert.Equal(spanOverload ? 2 : 1, type.GetMembers("Run").Length);
        Assert.NotEmpty(type.GetMembers("Session"));
        Assert.NotEmpty(type.GetMembers("ExecutionProvider"));
        Assert.NotNull(type.GetTypeMembers("Output").SingleOrDefault());
        Assert.Equal("App.Wrapped.g.cs", result.GeneratedSources.Single().HintName);
    }

    private static ManifestFile Manifest(string model) => model switch
    {
        "Tiny" => CompiledModels.Tiny.Manifest("Wrapped"),
        "TinyDynamic" => CompiledModels.TinyDynamic.Manifest("Wrapped"),
        "ResNet18" => CompiledModels.ResNet18.Manifest("Wrapped"),
        "MiniLM" => CompiledModels.MiniLM.Manifest("Wrapped"),
        _ => TestManifests.Hostile() with { ClassName = "Wrapped" },
    };
}
