using SparseCompile.Testing;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// Hostile inputs from the catalogue (<see cref="HostileInputs"/>) as <c>&lt;SparseModel&gt;</c> items of real apps built
/// with <c>dotnet build</c>: each build fails with the case's SC code at the project file, naming the file and the tensor,
/// with no stack trace and no compiled output (model, manifest, report, staging folder) in obj/.../sparse.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class HostileInputBuildTests(PackageFeed feed)
{
    // nan-inf-weights is not here: its weight stays float with a warning and the build succeeds (see HostileInputs).
    private static readonly string[] Cases =
    [
        "truncated-model", "absurd-declared-length", "external-data-dotdot", "external-data-symlink-outside", "npz-zip-bomb",
        "mask-wrong-shape", "duplicate-initializer", "graph-cycle",
    ];

    [Fact]
    public void EachHostileInputFailsItsBuildWithItsCodeAndLeavesNoOutputs()
    {
        string root = Path.Combine(feed.WorkRoot, "hostile");
        var apps = Cases.Select(name =>
        {
            var hostile = HostileInputs.All[name];
            var app = new ConsoleApp(feed, Path.Combine(root, name), "Hostile" + string.Concat(name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
            var files = HostileInputs.Write(hostile, app.Folder);
            string mask = files.Mask is null ? string.Empty : $" Mask=\"{Path.GetRelativePath(app.Folder, files.Mask)}\"";
            app.WriteProject($"<SparseModel Include=\"{Path.GetRelativePath(app.Folder, files.Model)}\"{mask} />");
            return (Hostile: hostile, Files: files, App: app);
        }).ToArray();

        var result = Solution.BuildParallel(root, apps.Select(a => a.App).ToArray());

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain(result.Output.Split('\n'), l => l.TrimStart().StartsWith("at SparseCompile.", StringComparison.Ordinal) || l.StartsWith("   at ", StringComparison.Ordinal));
        foreach (var (hostile, files, app) in apps)
        {
            string file = hostile.BlamesMask ? files.Mask! : files.Model;
            string expected = $"{app.ProjectPath} : SparseCompile error {hostile.Code}: {file}: ";
            string? line = result.Output.Split('\n').FirstOrDefault(l => l.Contains(expected, StringComparison.Ordinal));
            Assert.True(line is not null, $"{hostile.Name}: expected \"{expected}\" in:\n{result.Output}");
            if (hostile.Subject is not null)
            {
                Assert.Contains(hostile.Subject, line![(line.IndexOf(expected, StringComparison.Ordinal) + expected.Length)..], StringComparison.Ordinal);
            }

            // Only the item's options stamp (x.sparseoptions, written before the compile for incrementality) may be there.
            var left = Directory.Exists(app.SparseFolder)
                ? Directory.GetFileSystemEntries(app.SparseFolder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".sparseoptions", StringComparison.Ordinal)).ToArray()
                : [];
            Assert.True(left.Length == 0, $"{hostile.Name} left: " + string.Join(", ", left));
            Assert.False(File.Exists(Path.Combine(app.OutputFolder, app.Name + ".dll")), $"{hostile.Name}: the app was built");
        }
    }
}
