using Microsoft.CodeAnalysis;
using SparseCompile.Generator.Tests.Support;

namespace SparseCompile.Generator.Tests;

/// <summary>Every SCG diagnostic, reported at the offending place in the manifest (zero-based line and column).</summary>
public class DiagnosticTests
{
    private const string Path = "/project/obj/sparse/m.sparsemodel.json";

    private const string Valid = """
        {
          "schemaVersion": 1,
          "model": { "file": "m.onnx" },
          "inputs": [ { "name": "x", "elementType": "FLOAT", "shape": [1, 4] } ],
          "outputs": [ { "name": "y", "elementType": "FLOAT", "shape": [1, 2] } ],
          "options": { "sparsity": "2:4", "quantization": "dynamic" }
        }
        """;

    [Fact]
    public void ValidManifestHasNoDiagnostics() => Assert.Empty(Diagnostics(new ManifestFile(Path, Valid)));

    [Fact]
    public void MalformedJsonPointsAtTheBadCharacter() =>
        AssertSingle(Valid.Replace("\"shape\": [1, 4] }", "\"shape\": [1, 4], }", StringComparison.Ordinal), "SCG0001", line: 3, column: 70);

    [Fact]
    public void TruncatedJsonPointsAtTheEnd() => AssertSingle(Valid[..40], "SCG0001", line: 2, column: 13);

    [Fact]
    public void UnsupportedSchemaVersionPointsAtTheVersion() =>
        AssertSingle(Valid.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal), "SCG0002", line: 1, column: 19, endColumn: 20);

    [Fact]
    public void MissingFieldPointsAtTheObjectThatLacksIt() =>
        AssertSingle(Valid.Replace("\"file\": \"m.onnx\"", "\"path\": \"m.onnx\"", StringComparison.Ordinal), "SCG0003", line: 2, column: 11, "'model.file' is missing");

    [Fact]
    public void MistypedFieldPointsAtTheValue() =>
        AssertSingle(Valid.Replace("\"shape\": [1, 2]", "\"shape\": \"1x2\"", StringComparison.Ordinal), "SCG0003", line: 4, column: 63, "'outputs[0].shape' must be an array or null");

    [Theory]
    [InlineData("STRING")]
    [InlineData("FLOAT8E4M3FN")]
    [InlineData("INT4")]
    [InlineData("COMPLEX64")]
    [InlineData("sequence")]
    public void UnsupportedElementTypePointsAtTheType(string type) =>
        AssertSingle(Valid.Replace("\"elementType\": \"FLOAT\", \"shape\": [1, 4]", $"\"elementType\": \"{type}\", \"shape\": [1, 4]", StringComparison.Ordinal),
            "SCG0004", line: 3, column: 44, type);

    [Theory]
    [InlineData("My Model")]
    [InlineData("class")]
    [InlineData("1st")]
    public void InvalidClassNameIsReported(string name) => AssertSingle(new ManifestFile(Path, Valid, ClassName: name), "SCG0005", 0, 0, name);

    [Theory]
    [InlineData("My..App")]
    [InlineData("My.namespace")]
    [InlineData("My-App")]
    public void InvalidNamespaceIsReported(string ns) => AssertSingle(new ManifestFile(Path, Valid, Namespace: ns), "SCG0006", 0, 0, ns);

    [Theory]
    [InlineData("Run")]
    [InlineData("Output")]
    [InlineData("Load")]
    public void ClassNamedLikeAGeneratedMemberIsReported(string name) => AssertSingle(new ManifestFile(Path, Valid, ClassName: name), "SCG0007", 0, 0, name);

    [Fact]
    public void UnknownLoadModeIsReported() => AssertSingle(new ManifestFile(Path, Valid, Load: "Network"), "SCG0008", 0, 0, "Network");

    [Fact]
    public void InputWithoutRankPointsAtTheInput() =>
        AssertSingle(Valid.Replace("\"shape\": [1, 4]", "\"shape\": null", StringComparison.Ordinal), "SCG0009", line: 3, column: 14);

    [Fact]
    public void TwoManifestsClaimingOneClassAreBothReportedAndNeitherIsGenerated()
    {
        var (result, _) = GeneratorHarness.Run(
            new ManifestFile("/project/obj/sparse/a.sparsemodel.json", Valid, ClassName: "Model"),
            new ManifestFile("/project/obj/sparse/b.sparsemodel.json", Valid, ClassName: "Model"),
            new ManifestFile("/project/obj/sparse/c.sparsemodel.json", Valid, ClassName: "Other"));

        Assert.Equal(["App.Other.g.cs"], result.GeneratedSources.Select(s => s.HintName));
        Assert.All(result.Diagnostics, d => Assert.Equal("SCG0010", d.Id));
        Assert.Equal(
            ["/project/obj/sparse/a.sparsemodel.json: The model wrapper 'App.Model' would also be generated, with this name or one differing only in case, from b.sparsemodel.json",
             "/project/obj/sparse/b.sparsemodel.json: The model wrapper 'App.Model' would also be generated, with this name or one differing only in case, from a.sparsemodel.json"],
            result.Diagnostics.Select(d => d.Location.GetLineSpan().Path + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split(';')[0]));
    }

    [Fact]
    public void ClassNamesDifferingOnlyInCaseAreBothReportedAndNeitherIsGenerated()
    {
        // Hint names are compared ignoring case: emitting both would make the second AddSource throw (CS8785).
        var (result, _) = GeneratorHarness.Run(
            new ManifestFile("/project/obj/sparse/a.sparsemodel.json", Valid, ClassName: "ResNet"),
            new ManifestFile("/project/obj/sparse/b.sparsemodel.json", Valid, ClassName: "Resnet"),
            new ManifestFile("/project/obj/sparse/c.sparsemodel.json", Valid, ClassName: "Other"));

        Assert.Null(result.Exception);
        Assert.Equal(["App.Other.g.cs"], result.GeneratedSources.Select(s => s.HintName));
        Assert.All(result.Diagnostics, d => Assert.Equal("SCG0010", d.Id));
        Assert.Equal(
            ["/project/obj/sparse/a.sparsemodel.json: The model wrapper 'App.ResNet' would also be generated, with this name or one differing only in case, from b.sparsemodel.json",
             "/project/obj/sparse/b.sparsemodel.json: The model wrapper 'App.Resnet' would also be generated, with this name or one differing only in case, from a.sparsemodel.json"],
            result.Diagnostics.Select(d => d.Location.GetLineSpan().Path + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split(';')[0]));
    }

    [Fact]
    public void NoCodeIsGeneratedForAManifestWithErrors()
    {
        var (result, _) = GeneratorHarness.Run(new ManifestFile(Path, "{"));

        Assert.Empty(result.GeneratedSources);
        Assert.Equal("SCG0001", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void OtherAdditionalFilesAreIgnored()
    {
        var (result, _) = GeneratorHarness.Run(new ManifestFile("/project/notes.json", "not json"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    private static void AssertSingle(string text, string id, int line, int column, string? message = null, int? endColumn = null) =>
        AssertSingle(new ManifestFile(Path, text), id, line, column, message, endColumn);

    private static void AssertSingle(string text, string id, int line, int column, int endColumn) =>
        AssertSingle(new ManifestFile(Path, text), id, line, column, null, endColumn);

    private static void AssertSingle(ManifestFile manifest, string id, int line, int column, string? message = null, int? endColumn = null)
    {
        var diagnostic = Assert.Single(Diagnostics(manifest));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        if (endColumn is int end)
        {
            Assert.Equal(end, span.EndLinePosition.Character);
        }

        if (message is not null)
        {
            Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
    }

    private static IReadOnlyList<Diagnostic> Diagnostics(ManifestFile manifest) => GeneratorHarness.Run(manifest).Result.Diagnostics;
}
