using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Emit;

/// <summary>Text from the manifest made safe for generated source: XML doc comments and string literals.</summary>
internal static class DocText
{
    /// <summary>
    /// <paramref name="value"/> escaped for an XML doc comment. Tab and the characters C# treats as line breaks become
    /// character references, so a hostile ONNX name cannot end the comment; characters XML 1.0 forbids (other C0
    /// controls, lone surrogates, U+FFFE and U+FFFF) become visible <c>\uXXXX</c> text; surrogate pairs stay as they are.
    /// </summary>
    public static string Xml(string value)
    {
        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"': text.Append("&quot;"); break;
                case '\t' or '\n' or '\r' or '\u0085' or '\u2028' or '\u2029':
                    text.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    AppendEscape(text, c);
                    break;
                case >= '\uD800' and <= '\uDBFF' when i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    text.Append(c).Append(value[++i]);
                    break;
                case >= '\uD800' and <= '\uDFFF':
                    AppendEscape(text, c);
                    break;
                default: text.Append(c); break;
            }
        }

        return text.ToString();
    }

    private static void AppendEscape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    /// <summary>A C# string literal holding <paramref name="value"/>.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>"Input <c>input_ids</c>: INT64 [batch_size, sequence_length]" for documentation.</summary>
    public static string Describe(string role, TensorSpec tensor) =>
        $"{role} <c>{Xml(tensor.OnnxName)}</c>: {tensor.ElementType.OnnxName} {Xml(tensor.ShapeText)}";
}
