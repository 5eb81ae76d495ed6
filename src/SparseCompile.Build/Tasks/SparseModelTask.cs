using Microsoft.Build.Framework;
using SparseCompile.Build.Logging;
using SparseCompile.Build.Options;
using SparseCompile.Compiler.Diagnostics;

namespace SparseCompile.Build.Tasks;

/// <summary>What both SparseCompile tasks take (the items, the project, the output folder) and how they read one item.</summary>
public abstract class SparseModelTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The <c>&lt;SparseModel&gt;</c> items to work on.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The project file: relative paths resolve against its folder, and errors are located at it.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>The folder compiled outputs go to (<c>$(IntermediateOutputPath)sparse/</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Parses one item into a request; metadata problems go to <paramref name="errors"/> (request null), and a calibration
    /// or data folder that cannot be listed is logged here (returns false).
    /// </summary>
    private protected static bool TryParse(BuildLog log, ITaskItem item, string model, string projectDirectory, string output,
        List<string> errors, out ModelRequest? request)
    {
        try
        {
            request = ModelRequestParser.Parse(item, model, projectDirectory, output, errors);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(EvaluationDiagnosticCodes.SampleReadFailed, model, $"the calibration or data files could not be listed ({e.Message}).");
            request = null;
            return false;
        }
    }
}
