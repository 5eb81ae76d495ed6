using System.IO.Compression;
using System.Text.RegularExpressions;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>The .nupkg holds the runtime, the tasks with every dependency, the build logic and the generator.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class PackageLayoutTests(PackageFeed feed)
{
    [Fact]
    public void ThePackageHasTheDocumentedLayout()
    {
        using var zip = ZipFile.OpenRead(feed.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        string[] required =
        [
            "README.md",
            "lib/net8.0/SparseCompile.Runtime.dll", "lib/net8.0/SparseCompile.Runtime.xml",
            "build/SparseCompile.props", "build/SparseCompile.targets",
            "buildTransitive/SparseCompile.props", "buildTransitive/SparseCompile.targets",
            "tasks/net8.0/SparseCompile.Build.dll", "tasks/net8.0/SparseCompile.Build.deps.json",
            "tasks/net8.0/SparseCompile.Compiler.dll", "tasks/net8.0/SparseCompile.Onnx.dll",
            "tasks/net8.0/Google.Protobuf.dll", "tasks/net8.0/Microsoft.ML.OnnxRuntime.dll",
            "tasks/net8.0/runtimes/linux-x64/native/libonnxruntime.so",
            "tasks/net8.0/runtimes/win-x64/native/onnxruntime.dll",
            "tasks/net8.0/runtimes/win-arm64/native/onnxruntime.dll",
            "tasks/net8.0/runtimes/osx-arm64/native/libonnxruntime.dylib",
            "analyzers/dotnet/cs/SparseCompile.Generator.dll",
        ];
        Assert.All(required, path => Assert.Contains(path, entries));
        Assert.Equal(["SparseCompile.Runtime.dll", "SparseCompile.Runtime.xml"], entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Select(Path.GetFileName).Order());
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.Build", StringComparison.Ordinal)); // MSBuild provides its own
        Assert.DoesNotContain(entries, e => e.StartsWith("tasks/net8.0/runtimes/android", StringComparison.Ordinal));
        Assert.Equal(["analyzers/dotnet/cs/SparseCompile.Generator.dll"], entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));

        using var nuspec = new StreamReader(zip.GetEntry("SparseCompile.nuspec")!.Open());
        var dependencies = Regex.Matches(nuspec.ReadToEnd(), "<dependency id=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(["Microsoft.ML.OnnxRuntime.Managed"], dependencies);
    }
}
