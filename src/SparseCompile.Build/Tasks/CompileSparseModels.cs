using System.Diagnostics;
using System.Globalization;
using Microsoft.Build.Framework;
using SparseCompile.Build.Logging;
using SparseCompile.Build.Options;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Build.Tasks;

/// <summary>
/// Compiles resolved <c>&lt;SparseModel&gt;</c> items in-process with the compiler library <c>sparsec compile</c> uses
/// (the same passes and accuracy gate). Input errors become MSBuild errors with their SC code; nothing is written for
/// a model that fails.
/// </summary>
public sealed class CompileSparseModels : SparseModelTask
{
    /// <summary>
    /// Let compile warnings fail the build where it treats warnings as errors (SparseCompileWarningsAsErrors); false (the
    /// default) logs them as high-importance messages there instead.
    /// </summary>
    public bool WarningsAsErrors { get; set; }

    /// <summary>The importance of the size line: low, normal (default) or high (SparseCompileMessageImportance).</summary>
    public string ReportImportance { get; set; } = nameof(MessageImportance.Normal);

    /// <inheritdoc/>
    public override bool Execute()
    {
        var log = new BuildLog(Log, BuildEngine, ProjectFile, WarningsAsErrors);
        string projectDirectory = ModelRequestParser.ProjectDirectory(ProjectFile);
        var importance = Enum.TryParse(ReportImportance, ignoreCase: true, out MessageImportance parsed) ? parsed : MessageImportance.Normal;
        foreach (var item in Models)
        {
            string model = ModelRequestParser.ModelPath(item, projectDirectory);
            string name = item.GetMetadata("OriginalItemSpec") is { Length: > 0 } original ? original : model;
            if (!TryParse(log, item, model, projectDirectory, OutputDirectory, [], out var request) || request is null)
            {
                continue; // PrepareSparseModels reported the metadata errors
            }

            try
            {
                var clock = Stopwatch.StartNew();
                var result = Compile(request);
                foreach (var warning in result.Warnings)
                {
                    log.Warning(warning, model);
                }

                log.Message(importance, string.Create(CultureInfo.InvariantCulture, $"{SizeReport.Line(name, request.Options, result)} in {clock.Elapsed.TotalSeconds:0.0} s"));
            }
            catch (SparseCompileException e)
            {
                log.Error(e, model);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.Error(BuildDiagnosticCodes.UnexpectedFailure, model,
                    $"compiling failed unexpectedly ({e.GetType().Name}: {e.Message}); please report this with the model.");
                Log.LogMessage(MessageImportance.Low, "{0}", e.ToString());
            }
        }

        return !Log.HasLoggedErrors;
    }

    private static CompileResult Compile(ModelRequest request) => request.Gate.IsActive
        ? AccuracyGate.Compile(request.Options, request.Gate).Compile
        : SparseCompiler.Compile(request.Options);
}
