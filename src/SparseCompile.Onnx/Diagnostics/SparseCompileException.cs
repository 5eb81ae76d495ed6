namespace SparseCompile.Onnx.Diagnostics;

/// <summary>
/// The one exception type SparseCompile throws for bad input. It carries a stable code
/// (<c>SC1xxx</c>), the file it concerns and, where it applies, the tensor or node name.
/// </summary>
public sealed class SparseCompileException : Exception
{
    /// <summary>Creates an exception for <paramref name="filePath"/> with a stable <paramref name="code"/>.</summary>
    /// <param name="code">A code from <see cref="DiagnosticCodes"/>.</param>
    /// <param name="filePath">The file the problem is in; null when there is none (a stream).</param>
    /// <param name="message">What is wrong, in one sentence.</param>
    /// <param name="subject">The tensor or node name, where one applies.</param>
    /// <param name="inner">The underlying exception, kept for debugging only.</param>
    public SparseCompileException(string code, string? filePath, string message, string? subject = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        FilePath = filePath;
        Subject = subject;
    }

    /// <summary>The stable code, for example <c>SC1003</c>.</summary>
    public string Code { get; }

    /// <summary>The file the problem is in, or null when the input was a stream without a name.</summary>
    public string? FilePath { get; }

    /// <summary>The tensor or node name the problem concerns, or null.</summary>
    public string? Subject { get; }

    /// <summary>The single line a command-line tool prints: <c>error SCxxxx: &lt;file&gt;: &lt;message&gt;</c>.</summary>
    public string ToDiagnosticLine() => $"error {Code}: {FilePath ?? "<stream>"}: {Message}";
}
