using System.Diagnostics;
using System.Text;
using SparseCompile.Build.Tests.Support;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Testing;

namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// Issue 7 item 4 through MSBuild: a <c>dotnet build</c> killed (process tree) while it writes the compiled ResNet18 is
/// not up to date afterwards; the next build recompiles, ships the reference model and leaves no staging or temporary
/// file in <c>obj/.../sparse</c>.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class InterruptedBuildTests(PackageFeed feed)
{
    [Fact]
    public void ABuildKilledWhileCompilingRecompilesNextTimeAndLeavesNoTemporaryFiles()
    {
        var app = new ConsoleApp(feed, Path.Combine(feed.WorkRoot, "interrupted"), "InterruptedApp")
            .WriteProject($"""<SparseModel Include="{RealModels.ResNet18Path}" />""");

        // 1. Kill the whole build (MSBuild, its nodes) as soon as the compiler stages its outputs in obj/.../sparse.
        var output = new StringBuilder();
        var start = Dotnet.StartInfo(app.Folder, "build", app.ProjectPath, "-nodeReuse:false", "-tl:off", "-v:n");
        string? seen = null;
        using (var build = new Process { StartInfo = start })
        {
            build.OutputDataReceived += (_, e) => Append(output, e.Data);
            build.ErrorDataReceived += (_, e) => Append(output, e.Data);
            build.Start();
            build.BeginOutputReadLine();
            build.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (seen is null && !build.HasExited && clock.Elapsed < TimeSpan.FromMinutes(4))
            {
                seen = Directory.Exists(app.SparseFolder) ? Directory.EnumerateDirectories(app.SparseFolder, ".ResNet18.staging-*").FirstOrDefault() : null;
                Thread.Sleep(seen is null ? 10 : 0);
            }

            build.Kill(entireProcessTree: true);
            build.WaitForExit();
        }

        Assert.True(seen is not null, $"the build ended before the compile staged its outputs:\n{output}");
        // The kill lands while the outputs are staged, unless the last moves win the race with it: then the outputs are
        // complete (manifest last) and may rightly be up to date, which step 3 checks byte for byte.
        bool completedBeforeKill = File.Exists(Path.Combine(app.SparseFolder, "ResNet18.sparsemodel.json"));

        // 2. The next build is not up to date after an interrupted compile: it compiles ResNet18 again and succeeds.
        var again = app.Build().AssertSuccess();
        if (!completedBeforeKill)
        {
            Assert.Contains("ResNet18.onnx → 2:4 + dynamic INT8", again.Output);
        }

        // 3. It ships exactly what sparsec compile gives, and obj/.../sparse holds only the outputs and the options stamp.
        using var expected = new TempFolder("sc-expected");
        string reference = Reference.Compile(new CompileOptions { ModelPath = RealModels.ResNet18Path, OutputDirectory = expected.Path });
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(Path.Combine(app.OutputFolder, "ResNet18.onnx")));
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(Path.Combine(app.SparseFolder, "ResNet18.onnx")));
        Assert.Equal(
            ["ResNet18.onnx", "ResNet18.report.html", "ResNet18.sparsemodel.json", "ResNet18.sparseoptions"],
            Directory.EnumerateFileSystemEntries(app.SparseFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
