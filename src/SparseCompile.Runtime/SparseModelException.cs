namespace SparseCompile.Runtime;

/// <summary>A failure to load or run a sparse model, with a stable code (see <see cref="SparseModelErrorCodes"/>).</summary>
public sealed class SparseModelException : Exception
{
    /// <summary>Creates the exception; the message starts with the code.</summary>
    public SparseModelException(string code, string message, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
    }

    /// <summary>The stable code, e.g. <see cref="SparseModelErrorCodes.ProviderUnavailable"/>.</summary>
    public string Code { get; }
}
