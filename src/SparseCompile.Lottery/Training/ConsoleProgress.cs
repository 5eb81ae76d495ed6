using System.Globalization;

namespace SparseCompile.Lottery.Training;

/// <summary>
/// Shows progress on a console, synchronously (unlike <see cref="Progress{T}"/>, which posts). On an interactive console
/// evaluations redraw one progress bar in place (stage, level, Pm, a bar over the level's iterations, epoch and
/// accuracies) and every other report is a line of its own; when the output is redirected (a log, CI) evaluations are
/// lines too, or left out with <c>evaluations: false</c>.
/// </summary>
/// <param name="writer">Where lines go; the console by default (a progress bar needs the console).</param>
/// <param name="evaluations">False to leave evaluations out of redirected output.</param>
public sealed class ConsoleProgress(TextWriter? writer = null, bool evaluations = true) : IProgress<LotteryProgress>
{
    private const int BarWidth = 24;
    private readonly TextWriter writer = writer ?? Console.Out;
    private readonly bool interactive = writer is null && !Console.IsOutputRedirected;
    private bool barShown;

    /// <summary>Shows <paramref name="value"/>.</summary>
    public void Report(LotteryProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind == ProgressKind.Evaluation && interactive && value.TotalIterations is int total)
        {
            writer.Write("\r" + Bar(value, total));
            barShown = true;
            return;
        }

        if (evaluations || value.Kind != ProgressKind.Evaluation)
        {
            if (barShown)
            {
                writer.Write("\r" + new string(' ', Math.Max(0, Console.WindowWidth - 1)) + "\r");
                barShown = false;
            }

            writer.WriteLine(value.ToString());
        }
    }

    /// <summary>The bar's text: "ticket level 3 Pm 51.3% [#########...............] 2400/6000 ep 21 val-acc 95.40% test-acc 96.10%".</summary>
    public static string Bar(LotteryProgress value, int totalIterations)
    {
        ArgumentNullException.ThrowIfNull(value);
        int filled = totalIterations <= 0 ? BarWidth : (int)Math.Round(BarWidth * Math.Clamp((double)value.Iteration / totalIterations, 0, 1));
        string level = value.Level is int l ? string.Create(CultureInfo.InvariantCulture, $" level {l}") : string.Empty;
        string density = value.Density is double d ? string.Create(CultureInfo.InvariantCulture, $" Pm {d * 100:0.0}%") : string.Empty;
        string accuracy = value.Point is { } p
            ? string.Create(CultureInfo.InvariantCulture, $" val-acc {p.ValidationAccuracy * 100:0.00}% test-acc {p.TestAccuracy * 100:0.00}%")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{value.Stage}{level}{density} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Iteration}/{totalIterations} ep {value.Epoch}{accuracy}");
    }
}
