using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SparseCompile.Build.Logging;
using SparseCompile.Build.Options;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Output;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Build.Tasks;

/// <summary>
/// Resolves every <c>&lt;SparseModel&gt;</c> item against the project, validates its metadata, rejects two items with
/// the same output name, and writes each item's options stamp (only when it changed). Runs on every build; cheap.
/// </summary>
public sealed class PrepareSparseModels : SparseModelTask
{
    /// <summary>The resolved items: spec = the model's full path, original metadata kept, <see cref="ResolvedMetadata"/> added.</summary>
    [Output]
    public ITaskItem[] Resolved { get; set; } = [];

    /// <inheritdoc/>
    public override bool Execute()
    {
        var log = new BuildLog(Log, BuildEngine, ProjectFile, warningsAsErrors: false);
        string projectDirectory = ModelRequestParser.ProjectDirectory(ProjectFile);
        string output = Path.GetFullPath(OutputDirectory);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var resolved = new List<ITaskItem>();
        foreach (var item in Models)
        {
            string model = ModelRequestParser.ModelPath(item, projectDirectory);
            if (Resolve(log, item, model, projectDirectory, output, byName) is { } result)
            {
                resolved.Add(result);
            }
        }

        Resolved = [.. resolved];
        return !Log.HasLoggedErrors;
    }

    /// <summary>One item: parsed, checked against the others' output names, its stamp written; null after logging an error.</summary>
    private static TaskItem? Resolve(BuildLog log, ITaskItem item, string model, string projectDirectory, string output, Dictionary<string, string> byName)
    {
        var errors = new List<string>();
        if (!TryParse(log, item, model, projectDirectory, output, errors, out var request))
        {
            return null;
        }

        foreach (string error in errors)
        {
            log.Error(CompileDiagnosticCodes.InvalidOption, model, $"SparseModel metadata: {error}");
        }

        if (request is null)
        {
            return null;
        }

        if (byName.TryGetValue(request.OutputName, out string? other))
        {
            log.Error(BuildDiagnosticCodes.DuplicateOutputName, model,
                $"compiles to the output name '{request.OutputName}', as {other} does; rename one of the models (outputs are named after the model file).");
            return null;
        }

        byName.Add(request.OutputName, model);
        string stamp = Path.Combine(output, request.OutputName + OptionsStamp.Extension);
        try
        {
            OptionsStamp.Write(stamp, OptionsStamp.Text(request, projectDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(DiagnosticCodes.WriteFailed, stamp, $"the options stamp could not be written ({e.Message}).");
            return null;
        }

        string compiled = Path.Combine(output, request.OutputName + ".onnx");
        string manifest = Path.Combine(output, request.OutputName + ".sparsemodel.json");

        // A model with external data is not compressed (SC2007), so its .br is never written and must not be expected.
        bool compressed = request.Options.Compress && !File.Exists(compiled + ".data");
        var result = new TaskItem(model, item.CloneCustomMetadata());
        result.SetMetadata("OriginalItemSpec", item.ItemSpec);
        result.SetMetadata(ResolvedMetadata.OutputName, request.OutputName);
        result.SetMetadata(ResolvedMetadata.Manifest, manifest);
        result.SetMetadata(ResolvedMetadata.Outputs, string.Join(";", compressed ? [manifest, compiled, compiled + ModelCompression.Extension] : new[] { manifest, compiled }));
        result.SetMetadata(ResolvedMetadata.Stamp, stamp);
        result.SetMetadata(ResolvedMetadata.InputFiles, string.Join(";", request.InputFiles));
        result.SetMetadata(ResolvedMetadata.ShippedName, request.OutputName + ".onnx" + (request.Options.Compress ? ModelCompression.Extension : string.Empty));
        return result;
    }
}
