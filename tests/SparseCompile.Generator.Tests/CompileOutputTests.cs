using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings));
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

    [Theory]
    [InlineData("[1, 4]", "[1, 2]", true)]
    [InlineData("[0, 4]", "[1, 2]", false)]
    [InlineData("[1, 4]", "[2, 0]", false)]
    [InlineData("[65536, 65536]", "[1, 2]", false)]
    [InlineData("[46340, 46340]", "[1, 2]", true)]
    public void TheSpanOverloadNeedsShapesTheRuntimeCanBind(string inputShape, string outputShape, bool spanOverload)
    {
        string text = $$"""
            {
              "schemaVersion": 1,
              "model": { "file": "m.onnx" },
              "inputs": [ { "name": "x", "elementType": "FLOAT", "shape": {{inputShape}} } ],
              "outputs": [ { "name": "y", "elementType": "FLOAT", "shape": {{outputShape}} } ],
              "options": { "sparsity": "2:4", "quantization": "dynamic" }
            }
            """;
        var (result, output) = GeneratorHarness.Run(new ManifestFile("/project/obj/sparse/m.sparsemodel.json", text, ClassName: "Wrapped"));

        Assert.Empty(result.Diagnostics);
        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings));
        var type = output.GetTypeByMetadataName("App.Wrapped")!;
        Assert.Equal(spanOverload ? 2 : 1, type.GetMembers("Run").Length);
        Assert.Equal(spanOverload, result.GeneratedSources.Single().SourceText.ToString().Contains("TensorBinding", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDisposesTheSessionWhenConstructionFails()
    {
        var (result, _) = GeneratorHarness.Run(Manifest("Tiny"));
        var load = CSharpSyntaxTree.ParseText(result.GeneratedSources.Single().SourceText).GetRoot().DescendantNodes()
            .OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Load");

        var attempt = Assert.Single(load.Body!.Statements.OfType<TryStatementSyntax>());
        Assert.Contains(attempt.Block.Statements, s => s is ReturnStatementSyntax { Expression: ObjectCreationExpressionSyntax });
        var handler = Assert.Single(attempt.Catches);
        Assert.Null(handler.Declaration);
        Assert.Equal(["session.Dispose();", "throw;"], handler.Block.Statements.Select(s => s.ToString()));
        Assert.DoesNotContain(load.DescendantNodes().OfType<ObjectCreationExpressionSyntax>(),
            creation => creation.Parent is ArgumentSyntax);
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
