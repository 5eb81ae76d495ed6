namespace SparseCompile.Generator.Tests.Support;

/// <summary>Hand-written manifests under Manifests/.</summary>
internal static class TestManifests
{
    /// <summary>ONNX names that are digits, paths, keywords, clash after clean-up or with generated members, and unicode.</summary>
    public static ManifestFile Hostile() => Read("hostile.sparsemodel.json");

    private static ManifestFile Read(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Manifests", name);
        return new ManifestFile(path, File.ReadAllText(path));
    }
}
