namespace SparseCompile.Testing.RealData;

/// <summary>
/// Where the real test inputs are: tests/fixtures/real-data, copied beside every test assembly as
/// real-data/ (see SparseCompile.Testing.csproj).
/// </summary>
public static class RealDataFiles
{
    /// <summary>The real-data folder next to the running test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "real-data");

    /// <summary>The full path of a file under the real-data folder; throws when it is missing.</summary>
    public static string Find(params string[] parts)
    {
        string path = Path.Combine([Folder, .. parts]);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Real test data not found at {path}; it is copied from tests/fixtures/real-data by SparseCompile.Testing.csproj.", path);
    }
}
