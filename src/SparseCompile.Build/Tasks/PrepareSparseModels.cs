using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SparseCompile.Build.Logging;
using SparseCompile.Build.Options;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Output;

namespace SparseCompile.Build.Tasks;

/// <summary>
/// Resolves every <c>&lt;SparseModel&gt;</c> item against the project, validates its metadata, rejects two items with
/// the same output name, and writes each item's options stamp (only when it changed). Runs on every build; cheap.
/// </summary>
public sealed class PrepareSparseModels : Microsoft.Build.Utilities.Task
{
    /// <summary>The <c>@(SparseModel)</c> items.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The project file: relative paths resolve against its folder, and errors are located at it.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>The folder compiled outputs go to (<c>$(IntermediateOutputPath)sparse/</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The resolved items: spec = the model's full path, original metadata kept, <see cref="ResolvedMetadata"/> added.</summary>
    [Output]
    public ITaskItem[] Resolved { get; set; } = [];

    /// <inheritdoc/>
    public override bool Execute()
    {
        var log = new BuildLog(Log, BuildEngine, ProjectFile, warningsAsErrors: false);
        string projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        string output = Path.GetFullPath(OutputDirectory);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var resolved = new List<ITaskItem>();
        foreach (var item in Models)
        {
            var errors = new List<string>();
            var request = ModelRequestParser.Parse(item, projectDirectory, output, errors);
            string model = Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec));
            foreach (string error in errors)
            {
                log.Error(CompileDiagnosticCodes.InvalidOption, model, $"SparseModel metadata: {error}");
            }

            if (request is null)
            {
                continue;
            }

            if (byName.TryGetValue(request.OutputName, out string? other))
            {
                log.Error(BuildDiagnosticCodes.DuplicateOutputName, model,
                    $"compiles to the output name '{request.OutputName}', as {other} does; rename one of the models (outputs are named after the model file).");
                continue;
            }

            byName.Add(request.OutputName, model);
            string stamp = Path.Combine(output, request.OutputName + OptionsStamp.Extension);
            OptionsStamp.Write(stamp, OptionsStamp.Text(request));
            var result = new TaskItem(model, item.CloneCustomMetadata());
            result.SetMetadata("OriginalItemSpec", item.ItemSpec);
            result.SetMetadata(ResolvedMetadata.OutputName, request.OutputName);
            result.SetMetadata(ResolvedMetadata.Manifest, Path.Combine(output, request.OutputName + ".sparsemodel.json"));
            result.SetMetadata(ResolvedMetadata.Stamp, stamp);
            result.SetMetadata(ResolvedMetadata.InputFiles, string.Join(";", request.InputFiles));
            result.SetMetadata(ResolvedMetadata.ShippedName, request.OutputName + ".onnx" + (request.Options.Compress ? ModelCompression.Extension : string.Empty));
            resolved.Add(result);
        }

        Resolved = [.. resolved];
        return !Log.HasLoggedErrors;
    }
}
