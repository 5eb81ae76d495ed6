using System;
using System.Collections.Generic;
using System.Text;

namespace SparseCompile.Generator.Emit;

/// <summary>Builds C# text with four-space indentation and '\n' line ends on every platform, so output is byte-identical everywhere.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append(' ', depth * 4).Append(line);
        }

        text.Append('\n');
        return this;
    }

    /// <summary>Writes one line per item.</summary>
    public SourceWriter Lines<T>(IEnumerable<T> items, Func<T, string> line)
    {
        foreach (var item in items)
        {
            Line(line(item));
        }

        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter Open()
    {
        Line("{");
        depth++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    public SourceWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    public override string ToString() => text.ToString();
}
