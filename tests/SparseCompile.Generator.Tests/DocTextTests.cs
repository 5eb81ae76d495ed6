using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SparseCompile.Generator.Emit;

namespace SparseCompile.Generator.Tests;

/// <summary>Manifest text in doc comments is well-formed XML 1.0 and in string literals keeps its exact value.</summary>
public class DocTextTests
{
    public static TheoryData<string> Names => [
        "plain", "emoji \uD83D\uDE00", "cjk \U00020000", "ctl\u0001\u001F", "tab\t\r\n", "lone\uD800", "low\uDC00 x",
        "end\uD800", "\uFFFE\uFFFF", "quo\"te\\back\\", "<c>&amp;</c>", "\u0085\u2028\u2029", "\0"];

    [Theory]
    [MemberData(nameof(Names), DisableDiscoveryEnumeration = true)]
    public void XmlIsWellFormedAndKeepsSurrogatePairs(string name)
    {
        string xml = DocText.Xml(name);

        var element = XElement.Parse("<c>" + xml + "</c>");
        Assert.DoesNotContain(xml, c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029');
        if (!name.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF')
            && name.Where(char.IsSurrogate).Count() == 2 * name.Where((c, i) => char.IsSurrogatePair(name, i)).Count())
        {
            Assert.Equal(name.Replace("\r", "\n", StringComparison.Ordinal), element.Value.Replace("\r", "\n", StringComparison.Ordinal));
        }
    }

    // Lone surrogates do not survive attribute metadata or theory serialization: the data is enumerated at run time.
    public static TheoryData<string, string> Escapes => new()
    {
        { "ctl\u0001", "ctl\\u0001" },
        { "lone\uD800!", "lone\\uD800!" },
        { "\uDC00\uD83D\uDE00", "\\uDC00\uD83D\uDE00" },
        { "\uFFFF", "\\uFFFF" },
    };

    [Theory]
    [MemberData(nameof(Escapes), DisableDiscoveryEnumeration = true)]
    public void XmlShowsForbiddenCharactersAsEscapes(string name, string expected) =>
        Assert.Equal(expected, DocText.Xml(name));

    [Theory]
    [MemberData(nameof(Names), DisableDiscoveryEnumeration = true)]
    public void LiteralRoundTripsAndIsPrintable(string name)
    {
        string literal = DocText.Literal(name);

        var expression = Assert.IsType<LiteralExpressionSyntax>(SyntaxFactory.ParseExpression(literal));
        Assert.Empty(expression.GetDiagnostics());
        Assert.Equal(name, expression.Token.ValueText);
        Assert.DoesNotContain(literal, c => c < ' ' || c is '\u0085' or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF');
        Assert.Equal(literal.Count(char.IsSurrogate), 2 * literal.Where((_, i) => char.IsSurrogatePair(literal, i)).Count());
    }
}
