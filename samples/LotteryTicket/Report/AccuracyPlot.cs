using System.Globalization;
using System.Text;

namespace LotteryTicket.Report;

/// <summary>
/// Test accuracy at early stopping against the percentage of weights remaining (log scale, falling to the right), the
/// winning ticket against random re-initialization, mean over seeds with min–max bars: the form of Frankle &amp;
/// Carbin's Figure 3. Written as a self-contained SVG.
/// </summary>
public static class AccuracyPlot
{
    private const int Width = 720;
    private const int Height = 420;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 60;

    /// <summary>The SVG document for <paramref name="levels"/>.</summary>
    public static string Render(IReadOnlyList<LevelSummary> levels, string title)
    {
        var ticket = levels.Select(l => (l.PercentRemaining, Stats: SeriesStatistics.Of(l.Ticket.Select(r => r.TestAccuracy * 100)))).ToList();
        var reinit = levels.Where(l => l.Reinit.Count > 0)
            .Select(l => (l.PercentRemaining, Stats: SeriesStatistics.Of(l.Reinit.Select(r => r.TestAccuracy * 100)))).ToList();
        var all = ticket.Concat(reinit).SelectMany(p => new[] { p.Stats.Min, p.Stats.Max }).Where(double.IsFinite).ToList();
        double yMin = Math.Floor(all.Min() - 0.5);
        double yMax = Math.Ceiling(all.Max() + 0.5);
        double xMax = Math.Log10(100);
        double xMin = Math.Log10(Math.Min(levels.Min(l => l.PercentRemaining), 100) * 0.8);

        double X(double percent) => Left + ((xMax - Math.Log10(percent)) / (xMax - xMin) * (Width - Left - Right));
        double Y(double accuracy) => Top + ((yMax - accuracy) / (yMax - yMin) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));

        // Axes, with a grid line per whole accuracy point and a tick per level.
        for (double y = yMin; y <= yMax + 1e-9; y += Step(yMax - yMin))
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(y):F1}\" y2=\"{Y(y):F1}\" stroke=\"#e4e4e4\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{Y(y) + 4:F1}\" text-anchor=\"end\">{y:F1}</text>\n"));
        }

        foreach (var level in levels)
        {
            double x = X(level.PercentRemaining);
            svg.Append(Invariant($"<line x1=\"{x:F1}\" x2=\"{x:F1}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom + 5}\" stroke=\"black\"/>"));
            svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{level.PercentRemaining:0.#}</text>\n"));
        }

        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">Percent of weights remaining (log scale)</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate(18,{(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">Test accuracy at early stop (%)</text>\n"));

        Series(svg, ticket, "#1f77b4", X, Y);
        Series(svg, reinit, "#d62728", X, Y);
        double dense = ticket[0].Stats.Mean;
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(dense):F1}\" y2=\"{Y(dense):F1}\" stroke=\"#777\" stroke-dasharray=\"4 4\"/>\n"));

        Legend(svg, 0, "#1f77b4", "winning ticket (rewound to initialization)", dashed: false);
        Legend(svg, 1, "#d62728", "random re-initialization (same mask)", dashed: false);
        Legend(svg, 2, "#777", "dense network", dashed: true);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Series(StringBuilder svg, List<(double Percent, SeriesStatistics Stats)> points, string color,
        Func<double, double> x, Func<double, double> y)
    {
        var finite = points.Where(p => double.IsFinite(p.Stats.Mean)).ToList();
        if (finite.Count == 0)
        {
            return;
        }

        svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\""));
        svg.Append(string.Join(' ', finite.Select(p => Invariant($"{x(p.Percent):F1},{y(p.Stats.Mean):F1}"))));
        svg.Append("\"/>\n");
        foreach (var (percent, stats) in finite)
        {
            double px = x(percent);
            svg.Append(Invariant($"<line x1=\"{px:F1}\" x2=\"{px:F1}\" y1=\"{y(stats.Min):F1}\" y2=\"{y(stats.Max):F1}\" stroke=\"{color}\"/>"));
            svg.Append(Invariant($"<circle cx=\"{px:F1}\" cy=\"{y(stats.Mean):F1}\" r=\"3\" fill=\"{color}\"/>\n"));
        }
    }

    private static void Legend(StringBuilder svg, int row, string color, string label, bool dashed)
    {
        int y = Top + 12 + (row * 18);
        int x = Width - Right - 290;
        string dash = dashed ? " stroke-dasharray=\"4 4\"" : string.Empty;
        svg.Append(Invariant($"<line x1=\"{x}\" x2=\"{x + 24}\" y1=\"{y - 4}\" y2=\"{y - 4}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>"));
        svg.Append(Invariant($"<text x=\"{x + 30}\" y=\"{y}\">{Escape(label)}</text>\n"));
    }

    // A grid step that gives 4 to 10 lines over the range.
    private static double Step(double range) => range <= 2 ? 0.25 : range <= 5 ? 0.5 : range <= 10 ? 1 : range <= 20 ? 2 : 5;

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
