namespace SparseCompile.Build;

/// <summary>Codes only the build integration raises (SC119x); docs/diagnostics.md is the catalogue.</summary>
internal static class BuildDiagnosticCodes
{
    /// <summary>Two SparseModel items of one project compile to the same output name.</summary>
    public const string DuplicateOutputName = "SC1190";

    /// <summary>The compile failed with an unexpected exception (a bug in SparseCompile, not in the input).</summary>
    public const string UnexpectedFailure = "SC1191";

    /// <summary>The build runs on .NET Framework MSBuild, which cannot load the tasks (raised by build/SparseCompile.targets).</summary>
    public const string NeedsDotnetMSBuild = "SC1192";

    /// <summary>Embed="true" on a model compiled with external data (raised by build/SparseCompile.targets).</summary>
    public const string EmbeddedExternalData = "SC1193";
}
