using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>Creates Spectre consoles over a <see cref="TextWriter"/>.</summary>
internal static class ConsoleFactory
{
    /// <summary>The width used when the output is not a terminal: wide enough that tables do not wrap.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>
    /// A console writing to <paramref name="writer"/>. A terminal gets colors as detected; anything else
    /// (a file, a pipe, a test's StringWriter) gets plain text without ANSI codes and a fixed width.
    /// </summary>
    public static IAnsiConsole Create(TextWriter writer, bool isTerminal)
    {
        var settings = new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        };
        if (!isTerminal)
        {
            settings.Enrichment.UseDefaultEnrichers = false;
        }

        var console = AnsiConsole.Create(settings);
        if (!isTerminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
