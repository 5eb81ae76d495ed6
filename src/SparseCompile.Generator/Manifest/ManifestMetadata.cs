using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SparseCompile.Generator.Manifest;

/// <summary>
/// The MSBuild item metadata the generator reads (declared as CompilerVisibleItemMetadata by build/SparseCompile.props)
/// and the RootNamespace property (which the .NET SDK itself makes visible to the compiler).
/// </summary>
internal static class ManifestMetadata
{
    /// <summary>Only additional files with this ending are manifests.</summary>
    public const string FileSuffix = ".sparsemodel.json";

    public const string ClassName = "build_metadata.AdditionalFiles.SparseModelClassName";
    public const string Namespace = "build_metadata.AdditionalFiles.SparseModelNamespace";
    public const string Load = "build_metadata.AdditionalFiles.SparseModelLoad";
    public const string ModelPath = "build_metadata.AdditionalFiles.SparseModelPath";
    public const string RootNamespace = "build_property.RootNamespace";

    /// <summary>Reads the text and metadata of one manifest.</summary>
    public static ManifestInput Read(AdditionalText file, AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellation)
    {
        var fileOptions = options.GetOptions(file);
        return new ManifestInput(
            file.Path,
            file.GetText(cancellation)?.ToString(),
            Get(fileOptions, ClassName),
            Get(fileOptions, Namespace),
            Get(fileOptions, Load),
            Get(fileOptions, ModelPath),
            Get(options.GlobalOptions, RootNamespace));
    }

    private static string? Get(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
