using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Emit;

/// <summary>Text from the manifest made safe for generated source: XML doc comments and string literals.</summary>
internal static class DocText
{
    /// <summary>
    /// <paramref name="value"/> escaped for an XML doc comment; control characters and the characters C# treats as
    /// line breaks become character references, so a hostile ONNX name cannot end the comment.
    /// </summary>
    public static string Xml(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"': text.Append("&quot;"); break;
                case < ' ' or '\u0085' or '\u2028' or '\u2029' or (>= '\uD800' and <= '\uDFFF'):
                    text.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    break;
                default: text.Append(c); break;
            }
        }

        return text.ToString();
    }

    /// <summary>A C# string literal holding <paramref name="value"/>.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>"Input <c>input_ids</c>: INT64 [batch_size, sequence_length]" for documentation.</summary>
    public static string Describe(string role, TensorSpec tensor) =>
        $"{role} <c>{Xml(tensor.OnnxName)}</c>: {tensor.ElementType.OnnxName} {Xml(tensor.ShapeText)}";
}
