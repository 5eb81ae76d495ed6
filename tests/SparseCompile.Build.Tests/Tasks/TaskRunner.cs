using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SparseCompile.Build.Tasks;
using SparseCompile.Build.Tests.Support;

namespace SparseCompile.Build.Tests.Tasks;

/// <summary>Runs the two tasks the way the targets do, against a fake engine, for a project in <see cref="Folder"/>.</summary>
internal sealed class TaskRunner(TempFolder folder)
{
    public TempFolder Folder => folder;

    public string ProjectFile => Path.Combine(folder.Path, "app.csproj");

    public string OutputDirectory => Path.Combine(folder.Path, "obj", "sparse");

    /// <summary>A SparseModel item with metadata (name, value, name, value...).</summary>
    public static TaskItem Item(string spec, params string[] metadata)
    {
        var item = new TaskItem(spec);
        for (int i = 0; i < metadata.Length; i += 2)
        {
            item.SetMetadata(metadata[i], metadata[i + 1]);
        }

        return item;
    }

    public (bool Ok, ITaskItem[] Resolved, FakeBuildEngine Engine) Prepare(params ITaskItem[] items)
    {
        var engine = new FakeBuildEngine();
        var task = new PrepareSparseModels { BuildEngine = engine, Models = items, ProjectFile = ProjectFile, OutputDirectory = OutputDirectory };
        bool ok = task.Execute();
        return (ok, task.Resolved, engine);
    }

    public (bool Ok, FakeBuildEngine Engine) Compile(params ITaskItem[] resolved) => Compile(new FakeBuildEngine(), warningsAsErrors: false, resolved);

    /// <summary>The compile task on <paramref name="engine"/>, with SparseCompileWarningsAsErrors = <paramref name="warningsAsErrors"/>.</summary>
    public (bool Ok, FakeBuildEngine Engine) Compile(FakeBuildEngine engine, bool warningsAsErrors, ITaskItem[] resolved)
    {
        var task = new CompileSparseModels
        {
            BuildEngine = engine, Models = resolved, ProjectFile = ProjectFile, OutputDirectory = OutputDirectory, WarningsAsErrors = warningsAsErrors,
        };
        return (task.Execute(), engine);
    }

    /// <summary>Prepare then compile, as one build does when everything is out of date.</summary>
    public (bool Ok, FakeBuildEngine Engine) Build(params ITaskItem[] items)
    {
        var (prepared, resolved, engine) = Prepare(items);
        return prepared ? Compile(resolved) : (false, engine);
    }
}
