using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Build.Logging;

/// <summary>
/// Logs SparseCompile diagnostics as MSBuild errors and warnings with their SC code, located at the project file
/// (where the item is) so the IDE's error list points at it; the message starts with the offending file.
/// </summary>
internal sealed class BuildLog(TaskLoggingHelper log, IBuildEngine? engine, string projectFile, bool warningsAsErrors)
{
    private const string Subcategory = "SparseCompile";

    /// <summary>An error with <paramref name="code"/> about <paramref name="file"/>.</summary>
    public void Error(string code, string file, string message) =>
        log.LogError(Subcategory, code, code, projectFile, 0, 0, 0, 0, "{0}", $"{file}: {message}");

    /// <summary>An input error from the compiler: its code, file and tensor, no stack trace.</summary>
    public void Error(SparseCompileException exception, string modelPath) =>
        Error(exception.Code, exception.FilePath ?? modelPath, WithSubject(exception.Message, exception.Subject));

    /// <summary>
    /// A compile warning. It stays a warning, except where the build would turn it into an error (MSBuildTreatWarningsAsErrors,
    /// -warnaserror) and the project has not opted in with SparseCompileWarningsAsErrors: then it is a high-importance message
    /// with the same text, so a model-quality warning never breaks a build by surprise.
    /// </summary>
    public void Warning(CompileDiagnostic diagnostic, string modelPath)
    {
        string message = $"{modelPath}: {WithSubject(diagnostic.Message, diagnostic.Subject)}";
        if (!warningsAsErrors && engine is IBuildEngine8 promoting && promoting.ShouldTreatWarningAsError(diagnostic.Code))
        {
            log.LogMessage(MessageImportance.High, "{0}", $"SparseCompile {diagnostic.Code}: {message} (a model warning, logged as a message because this build treats warnings as errors; set SparseCompileWarningsAsErrors=true to fail on it)");
            return;
        }

        log.LogWarning(Subcategory, diagnostic.Code, diagnostic.Code, projectFile, 0, 0, 0, 0, "{0}", message);
    }

    /// <summary>An informational line at <paramref name="importance"/>.</summary>
    public void Message(MessageImportance importance, string message) => log.LogMessage(importance, "{0}", message);

    private static string WithSubject(string message, string? subject) =>
        subject is null || message.Contains(subject, StringComparison.Ordinal) ? message : $"{message} (tensor '{subject}')";
}
