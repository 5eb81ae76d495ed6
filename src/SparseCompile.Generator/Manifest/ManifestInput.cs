namespace SparseCompile.Generator.Manifest;

/// <summary>
/// One manifest additional file with its item metadata and the project's root namespace: the first, value-equal
/// step of the pipeline. Empty metadata is kept as null.
/// </summary>
internal sealed record ManifestInput(
    string Path,
    string? Text,
    string? ClassName,
    string? Namespace,
    string? Load,
    string? ModelPath,
    string? RootNamespace);
