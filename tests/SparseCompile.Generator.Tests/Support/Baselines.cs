using System.Reflection;

namespace SparseCompile.Generator.Tests.Support;

/// <summary>
/// Compares generated files with Baselines/{TestId}/{HintName}.txt. With SPARSECOMPILE_UPDATE_BASELINES=1 the
/// baselines are rewritten instead (then review the diff and commit it).
/// </summary>
internal static class Baselines
{
    private static readonly string Folder = typeof(Baselines).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BaselineFolder").Value!;

    private static bool Update => Environment.GetEnvironmentVariable("SPARSECOMPILE_UPDATE_BASELINES") == "1";

    public static void Verify(string testId, string hintName, string generated)
    {
        string path = Path.Combine(Folder, testId, hintName + ".txt");
        string actual = GeneratorHarness.Normalize(generated);
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No baseline {path}; run the tests with SPARSECOMPILE_UPDATE_BASELINES=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
