namespace SparseCompile.Generator.Tests.Support;

/// <summary>A manifest to feed the generator, with the item metadata MSBuild would attach (null: not set).</summary>
internal sealed record ManifestFile(string Path, string Text, string? ClassName = null, string? Namespace = null, string? Load = null, string? ModelPath = null)
{
    public IReadOnlyDictionary<string, string> Metadata()
    {
        var values = new Dictionary<string, string>();
        Add(values, "SparseModelClassName", ClassName);
        Add(values, "SparseModelNamespace", Namespace);
        Add(values, "SparseModelLoad", Load);
        Add(values, "SparseModelPath", ModelPath);
        return values;
    }

    private static void Add(Dictionary<string, string> values, string name, string? value)
    {
        if (value is not null)
        {
            values["build_metadata.AdditionalFiles." + name] = value;
        }
    }
}
