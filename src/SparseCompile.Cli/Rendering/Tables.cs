using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>The table look of sparsec's human output (the one <see cref="TableRenderer"/> uses), for the other commands.</summary>
internal static class Tables
{
    /// <summary>Headings and section titles.</summary>
    public static readonly Style Heading = new(decoration: Decoration.Bold);

    /// <summary>Secondary text: borders, notes, n/a cells.</summary>
    public static readonly Style Dim = new(foreground: Color.Grey);

    /// <summary>A good verdict.</summary>
    public static readonly Style Good = new(foreground: Color.Green);

    /// <summary>A bad verdict.</summary>
    public static readonly Style Bad = new(foreground: Color.Red);

    /// <summary>A rounded table with bold headers; columns whose header is in <paramref name="numeric"/> are right-aligned.</summary>
    public static Table New(IReadOnlyCollection<string> headers, params string[] numeric)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var table = new Table().Border(TableBorder.Rounded).BorderStyle(Dim);
        foreach (string header in headers)
        {
            var column = new TableColumn(new Text(header, Heading));
            table.AddColumn(numeric.Contains(header, StringComparer.Ordinal) ? column.RightAligned() : column);
        }

        return table;
    }

    /// <summary>A two-column name/value table without headers, for summaries.</summary>
    public static Table Summary() =>
        new Table().Border(TableBorder.Rounded).BorderStyle(Dim).HideHeaders()
            .AddColumn(new TableColumn(string.Empty))
            .AddColumn(new TableColumn(string.Empty));

    /// <summary>Adds a summary row: a bold name and a plain value.</summary>
    public static Table Row(this Table table, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.AddRow(new Text(name, Heading), new Text(value));
    }

    /// <summary>Writes a bold title line.</summary>
    public static void Section(IAnsiConsole console, string title)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Text(title, Heading));
        console.WriteLine();
    }

    /// <summary>Writes a plain line in <paramref name="style"/>.</summary>
    public static void Line(IAnsiConsole console, string text, Style? style = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Text(text, style ?? Style.Plain));
        console.WriteLine();
    }
}
