using System.Globalization;

namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>
/// A strict parser for the one dict literal an .npy header holds, such as
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>. It knows strings
/// without escapes, True, False, integers (a Python 2 <c>L</c> suffix allowed), tuples and
/// lists; nothing is ever evaluated.
/// </summary>
internal sealed class PyLiteralParser
{
    private const int MaxDepth = 16;
    private readonly string text;
    private int position;

    private PyLiteralParser(string text) => this.text = text;

    /// <summary>The dict's entries in the order written. Only whitespace may surround it.</summary>
    /// <exception cref="PyLiteralException">The text is not such a dict.</exception>
    public static IReadOnlyList<KeyValuePair<string, PyValue>> ParseDict(string text)
    {
        var parser = new PyLiteralParser(text);
        var entries = parser.Dict();
        parser.SkipWhitespace();
        if (parser.position != text.Length)
        {
            throw parser.Error("unexpected text after the closing '}'");
        }

        return entries;
    }

    private List<KeyValuePair<string, PyValue>> Dict()
    {
        SkipWhitespace();
        Expect('{');
        var entries = new List<KeyValuePair<string, PyValue>>();
        while (true)
        {
            SkipWhitespace();
            if (TryTake('}'))
            {
                return entries;
            }

            string key = String();
            SkipWhitespace();
            Expect(':');
            entries.Add(new(key, Value(1)));
            SkipWhitespace();
            if (!TryTake(','))
            {
                SkipWhitespace();
                Expect('}');
                return entries;
            }
        }
    }

    private PyValue Value(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("values nested too deeply");
        }

        SkipWhitespace();
        char c = Peek();
        return c switch
        {
            '\'' or '"' => new PyString(String()),
            '(' => Sequence(')', depth),
            '[' => Sequence(']', depth),
            '-' or (>= '0' and <= '9') => Integer(),
            _ when Word("True") => new PyBool(true),
            _ when Word("False") => new PyBool(false),
            _ => throw Error("expected a string, True, False, an integer, a tuple or a list"),
        };
    }

    private PySequence Sequence(char close, int depth)
    {
        position++;
        var items = new List<PyValue>();
        bool trailingComma = false;
        while (true)
        {
            SkipWhitespace();
            if (TryTake(close))
            {
                break;
            }

            items.Add(Value(depth + 1));
            SkipWhitespace();
            trailingComma = TryTake(',');
            if (!trailingComma)
            {
                SkipWhitespace();
                Expect(close);
                break;
            }
        }

        // In Python "(5)" is just 5 in parentheses; only "(5,)" is a tuple of one.
        if (close == ')' && items.Count == 1 && !trailingComma)
        {
            throw Error("a parenthesized value without a comma is not a tuple");
        }

        return new PySequence(close == ')', items);
    }

    private string String()
    {
        char quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Error("expected a quoted string");
        }

        int start = ++position;
        while (position < text.Length && text[position] != quote)
        {
            if (text[position] is '\\' or '\n' or '\r')
            {
                throw Error("strings with escapes or line breaks are not allowed");
            }

            position++;
        }

        if (position == text.Length)
        {
            throw Error("unterminated string");
        }

        return text[start..position++];
    }

    private PyInt Integer()
    {
        int start = position;
        if (text[position] == '-')
        {
            position++;
        }

        int digitsStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        int digits = position - digitsStart;
        if (digits == 0 || (digits > 1 && text[digitsStart] == '0'))
        {
            throw Error("malformed integer");
        }

        if (!long.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Error("integer out of range");
        }

        if (position < text.Length && text[position] is 'L' or 'l')
        {
            position++; // Python 2 long suffix, as old numpy versions wrote it
        }

        if (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '.'))
        {
            throw Error("malformed integer");
        }

        return new PyInt(value);
    }

    private bool Word(string word)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            return false;
        }

        int end = position + word.Length;
        if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            return false;
        }

        position = end;
        return true;
    }

    private void SkipWhitespace()
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private char Peek() => position < text.Length ? text[position] : throw Error("the header ends too early");

    private bool TryTake(char c)
    {
        if (position < text.Length && text[position] == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private PyLiteralException Error(string what) =>
        new($"{what} at character {position} of the header");
}
