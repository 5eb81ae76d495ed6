using System.Text.RegularExpressions;

namespace SparseCompile.Compiler.Pipeline;

/// <summary>A glob over tensor or node names: <c>*</c> any run of characters (slashes and dots included), <c>?</c> one character.</summary>
public sealed class NameGlob
{
    private readonly Regex regex;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public NameGlob(string pattern)
    {
        Pattern = pattern;
        string body = Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        regex = new Regex("^" + body + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>True when the whole name matches.</summary>
    public bool IsMatch(string name) => regex.IsMatch(name);
}
