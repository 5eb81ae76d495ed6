using System.IO.Compression;
using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// Packs SparseCompile once per test run into a temporary folder feed, with a NuGet.config that restores into a fresh
/// packages folder (so no stale SparseCompile is reused) and falls back to the machine's global packages folder (so
/// ONNX Runtime is not extracted again).
/// </summary>
public sealed class PackageFeed : IDisposable
{
    private readonly TempFolder root = new("sc-feed");

    public PackageFeed()
    {
        RepoRoot = FindRepoRoot();
        Feed = Directory.CreateDirectory(Path.Combine(root.Path, "feed")).FullName;
        Dotnet.Run(RepoRoot, "pack", Path.Combine(RepoRoot, "src", "SparseCompile.Package"), "-c", "Release", "-o", Feed, "-nodeReuse:false", "-tl:off")
            .AssertSuccess();
        PackagePath = Assert.Single(Directory.GetFiles(Feed, "SparseCompile.*.nupkg"));
        Version = Path.GetFileNameWithoutExtension(PackagePath)["SparseCompile.".Length..];
        WriteNuGetConfig(root.Path);
    }

    /// <summary>The repository the package was packed from.</summary>
    public string RepoRoot { get; }

    /// <summary>The folder feed holding the package.</summary>
    public string Feed { get; }

    /// <summary>The .nupkg.</summary>
    public string PackagePath { get; }

    /// <summary>Its version, for PackageReference.</summary>
    public string Version { get; }

    /// <summary>Projects under this folder restore from the feed (its NuGet.config applies to them).</summary>
    public string WorkRoot => root.Path;

    /// <summary>The ONNX Runtime version the repository pins, for the apps' CPU runtime package.</summary>
    public string OnnxRuntimeVersion
    {
        get
        {
            using var zip = ZipFile.OpenRead(PackagePath);
            using var reader = new StreamReader(zip.GetEntry("SparseCompile.nuspec")!.Open());
            var match = System.Text.RegularExpressions.Regex.Match(reader.ReadToEnd(), "id=\"Microsoft.ML.OnnxRuntime.Managed\" version=\"([^\"]+)\"");
            return match.Groups[1].Value;
        }
    }

    public void Dispose() => root.Dispose();

    private void WriteNuGetConfig(string folder)
    {
        string global = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string packages = Path.Combine(folder, "packages");
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <add key="sparsecompile-test-feed" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{global}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparseCompile.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SparseCompile.sln not found above the test assembly.");
    }
}

/// <summary>The end-to-end tests share one packed feed and run one after another (each dotnet build uses every core).</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "SparseCompile package";
}
