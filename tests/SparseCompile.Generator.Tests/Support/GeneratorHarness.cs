using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SparseCompile.Generator.Tests.Support;

/// <summary>Runs the generator the way the compiler does (CSharpGeneratorDriver) over a small user compilation.</summary>
internal static class GeneratorHarness
{
    /// <summary>The version the tests pass through the generator's output; baselines are normalized to it.</summary>
    public const string FixedVersion = "0.0.0-test";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>C# 12 with doc comments diagnosed (CS1570, CS1572, CS1591...), as with GenerateDocumentationFile.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>A compilation of <paramref name="sources"/> against the framework, the runtime library and ONNX Runtime.</summary>
    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create("GeneratedModels",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    /// <summary>A driver with the generator, the manifests as additional files and their metadata.</summary>
    public static GeneratorDriver Driver(IEnumerable<ManifestFile> manifests, string? rootNamespace = "App", bool track = false) =>
        Driver(manifests, out _, rootNamespace, track);

    /// <summary>As above, also giving the additional texts passed in (to replace one later).</summary>
    public static GeneratorDriver Driver(IEnumerable<ManifestFile> manifests, out AdditionalText[] texts, string? rootNamespace = "App", bool track = false)
    {
        var list = manifests.ToList();
        texts = [.. list.Select(m => (AdditionalText)new InMemoryAdditionalText(m.Path, m.Text))];
        return CSharpGeneratorDriver.Create(
            [new SparseModelGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            Options(list, rootNamespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
    }

    /// <summary>A new options provider with the RootNamespace property and the manifests' item metadata.</summary>
    public static TestOptionsProvider Options(IEnumerable<ManifestFile> manifests, string? rootNamespace)
    {
        var global = new Dictionary<string, string>();
        if (rootNamespace is not null)
        {
            global["build_property.RootNamespace"] = rootNamespace;
        }

        return new TestOptionsProvider(global, manifests.ToDictionary(m => m.Path, m => m.Metadata()));
    }

    /// <summary>Runs the generator over <paramref name="manifests"/> and returns the result and the compilation with the generated code.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params ManifestFile[] manifests)
    {
        var driver = Driver(manifests).RunGeneratorsAndUpdateCompilation(Compilation("namespace App { internal static class Marker { } }"), out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>The generated text with the generator's real version replaced by <see cref="FixedVersion"/>.</summary>
    public static string Normalize(string generated) =>
        generated.Replace($"\"SparseCompile.Generator\", \"{SparseModelGenerator.Version}\"", $"\"SparseCompile.Generator\", \"{FixedVersion}\"", StringComparison.Ordinal);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string framework = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = framework.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Concat([typeof(Runtime.SparseModelSession).Assembly.Location, typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location]);
        return [.. paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
