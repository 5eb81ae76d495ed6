namespace SparseCompile.Cli;

/// <summary>The exit codes of <c>sparsec</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input is invalid: one <c>error SCxxxx: &lt;file&gt;: &lt;message&gt;</c> line on stderr.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong (unknown command or option, missing argument); the parse errors go to stderr.</summary>
    public const int UsageError = 2;

    /// <summary>sparsec itself failed (a bug): the exception goes to stderr.</summary>
    public const int InternalError = 3;
}
