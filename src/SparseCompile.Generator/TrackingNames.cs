namespace SparseCompile.Generator;

/// <summary>Names of the pipeline steps, so tests can check which steps re-ran.</summary>
internal static class TrackingNames
{
    public const string ManifestFiles = nameof(ManifestFiles);
    public const string ManifestInputs = nameof(ManifestInputs);
    public const string ParseResults = nameof(ParseResults);
    public const string Models = nameof(Models);
    public const string DuplicateClasses = nameof(DuplicateClasses);
}
