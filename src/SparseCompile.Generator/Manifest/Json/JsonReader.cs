using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SparseCompile.Generator.Manifest.Json;

/// <summary>
/// A strict JSON reader (RFC 8259): no comments, no trailing commas, no duplicate property names, no control
/// characters in strings, nesting at most <see cref="MaxDepth"/> deep. Every value records where it was read.
/// </summary>
internal sealed class JsonReader
{
    /// <summary>The deepest nesting of objects and arrays accepted; manifests need five.</summary>
    public const int MaxDepth = 64;

    private readonly string text;
    private int offset;
    private int line;
    private int column;

    private JsonReader(string text) => this.text = text;

    private JsonPosition Position => new(offset, line, column);

    /// <summary>Reads one JSON value that spans the whole text (whitespace and a leading byte-order mark aside).</summary>
    /// <exception cref="JsonSyntaxException">The text is not one valid JSON value.</exception>
    public static JsonNode Parse(string text)
    {
        var reader = new JsonReader(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader.Advance();
        }

        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader.offset < text.Length)
        {
            throw new JsonSyntaxException($"Unexpected {reader.Describe()} after the end of the document", reader.Position);
        }

        return value;
    }

    private JsonNode ReadValue(int depth)
    {
        SkipWhitespace();
        if (offset >= text.Length)
        {
            throw new JsonSyntaxException("Unexpected end of text; expected a value", Position);
        }

        char c = text[offset];
        return c switch
        {
            '{' => ReadObject(depth + 1),
            '[' => ReadArray(depth + 1),
            '"' => ReadString(),
            '-' or (>= '0' and <= '9') => ReadNumber(),
            't' => ReadLiteral("true"),
            'f' => ReadLiteral("false"),
            'n' => ReadLiteral("null"),
            _ => throw new JsonSyntaxException($"Unexpected {Describe()}; expected a value", Position),
        };
    }

    private JsonObject ReadObject(int depth)
    {
        var start = Position;
        CheckDepth(depth, start);
        Advance();
        var properties = new Dictionary<string, JsonNode>(System.StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            Advance();
            return new JsonObject(start, Position, properties);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonSyntaxException($"Unexpected {Describe()}; expected a property name in quotes", Position);
            }

            var name = ReadString();
            if (properties.ContainsKey(name.Value))
            {
                throw new JsonSyntaxException($"Duplicate property \"{name.Value}\"", name.Start);
            }

            SkipWhitespace();
            Expect(':', "':' after the property name");
            properties.Add(name.Value, ReadValue(depth));
            SkipWhitespace();
            if (Peek() == ',')
            {
                Advance();
                continue;
            }

            Expect('}', "',' or '}' in the object");
            return new JsonObject(start, Position, properties);
        }
    }

    private JsonArray ReadArray(int depth)
    {
        var start = Position;
        CheckDepth(depth, start);
        Advance();
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            Advance();
            return new JsonArray(start, Position, items);
        }

        while (true)
        {
            items.Add(ReadValue(depth));
            SkipWhitespace();
            if (Peek() == ',')
            {
                Advance();
                continue;
            }

            Expect(']', "',' or ']' in the array");
            return new JsonArray(start, Position, items);
        }
    }

    private JsonString ReadString()
    {
        var start = Position;
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (offset >= text.Length)
            {
                throw new JsonSyntaxException("Unterminated string", start);
            }

            char c = text[offset];
            if (c == '"')
            {
                Advance();
                return new JsonString(start, Position, value.ToString());
            }

            if (c < ' ')
            {
                throw new JsonSyntaxException("Control character in a string (escape it)", Position);
            }

            if (c != '\\')
            {
                value.Append(c);
                Advance();
                continue;
            }

            var escape = Position;
            Advance();
            char e = Peek();
            switch (e)
            {
                case '"': case '\\': case '/': value.Append(e); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (offset + 5 > text.Length || !ushort.TryParse(text.Substring(offset + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                    {
                        throw new JsonSyntaxException("Invalid \\u escape (four hex digits expected)", escape);
                    }

                    value.Append((char)code);
                    for (int i = 0; i < 4; i++)
                    {
                        Advance();
                    }

                    break;
                default:
                    throw new JsonSyntaxException("Invalid escape sequence", escape);
            }

            Advance();
        }
    }

    private JsonNumber ReadNumber()
    {
        var start = Position;
        if (Peek() == '-')
        {
            Advance();
        }

        if (Peek() == '0')
        {
            Advance();
        }
        else if (IsDigit(Peek()))
        {
            SkipDigits();
        }
        else
        {
            throw new JsonSyntaxException("Invalid number: a digit must follow '-'", Position);
        }

        if (Peek() == '.')
        {
            Advance();
            RequireDigit("a digit must follow the decimal point");
            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            Advance();
            if (Peek() is '+' or '-')
            {
                Advance();
            }

            RequireDigit("a digit must follow the exponent");
            SkipDigits();
        }

        return new JsonNumber(start, Position, text.Substring(start.Offset, offset - start.Offset));
    }

    private JsonLiteral ReadLiteral(string literal)
    {
        var start = Position;
        if (string.CompareOrdinal(text, offset, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxException($"Unexpected {Describe()}; expected a value", start);
        }

        for (int i = 0; i < literal.Length; i++)
        {
            Advance();
        }

        return new JsonLiteral(start, Position, literal);
    }

    private static void CheckDepth(int depth, JsonPosition at)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException($"Nesting deeper than {MaxDepth} levels", at);
        }
    }

    private void Expect(char c, string what)
    {
        if (Peek() != c)
        {
            throw new JsonSyntaxException($"Unexpected {Describe()}; expected {what}", Position);
        }

        Advance();
    }

    private void RequireDigit(string message)
    {
        if (!IsDigit(Peek()))
        {
            throw new JsonSyntaxException("Invalid number: " + message, Position);
        }
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
        {
            Advance();
        }
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private void SkipWhitespace()
    {
        while (Peek() is ' ' or '\t' or '\n' or '\r')
        {
            Advance();
        }
    }

    private char Peek() => offset < text.Length ? text[offset] : '\0';

    private void Advance()
    {
        // "\r\n" and a lone "\r" or "\n" each end a line, as Roslyn counts lines.
        char c = text[offset++];
        if (c == '\n' || (c == '\r' && Peek() != '\n'))
        {
            line++;
            column = 0;
        }
        else
        {
            column++;
        }
    }

    private string Describe() => offset >= text.Length
        ? "end of text"
        : text[offset] < ' ' ? $"character U+{(int)text[offset]:X4}" : $"'{text[offset]}'";
}
