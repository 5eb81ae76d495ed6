using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace SparseCompile.Generator.Naming;

/// <summary>Checks class and namespace names given by the user (they are used as written, never repaired).</summary>
internal static class CSharpNames
{
    /// <summary>True for an identifier that is not a keyword.</summary>
    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>True for dotted identifiers such as <c>My.App.Models</c>.</summary>
    public static bool IsNamespace(string name) => name.Split('.').All(IsIdentifier);
}
