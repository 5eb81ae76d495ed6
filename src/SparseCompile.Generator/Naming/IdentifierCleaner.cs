using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SparseCompile.Generator.Naming;

/// <summary>
/// Turns any ONNX name into a readable C# identifier: letters and digits are kept, everything else splits words,
/// each word starts upper-case (<c>gpu_0/data_0</c> → <c>Gpu0Data0</c>). A name that starts with a digit gets
/// <c>prefix</c> (<c>924</c> → <c>Output924</c>); one with nothing left gets <c>prefix</c> and its position.
/// </summary>
internal static class IdentifierCleaner
{
    /// <summary>The PascalCase identifier for <paramref name="name"/>.</summary>
    /// <param name="name">The ONNX name.</param>
    /// <param name="prefix">A word that says what the name is (Input, Output, Dim), used when the name cannot start the identifier.</param>
    /// <param name="position">The one-based position, used when nothing of the name is left.</param>
    public static string ToPascal(string name, string prefix, int position)
    {
        var text = new StringBuilder(name.Length);
        bool wordStart = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                wordStart = true;
                continue;
            }

            text.Append(wordStart ? char.ToUpperInvariant(c) : c);
            wordStart = false;
        }

        if (text.Length == 0)
        {
            return prefix + position.ToString(CultureInfo.InvariantCulture);
        }

        if (char.IsDigit(text[0]))
        {
            text.Insert(0, prefix);
        }

        string identifier = text.ToString();
        return SyntaxFacts.IsValidIdentifier(identifier) ? identifier : prefix + position.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The camelCase form of a PascalCase identifier (<c>InputIds</c> → <c>inputIds</c>).</summary>
    public static string ToCamel(string pascal) =>
        pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);

    /// <summary><paramref name="identifier"/> as it must be written in source: keywords get '@' (<c>class</c> → <c>@class</c>).</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
}
