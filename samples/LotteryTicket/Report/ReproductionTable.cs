using System.Globalization;
using System.Text;

namespace LotteryTicket.Report;

/// <summary>The Markdown table of a reproduction: per level, ticket and re-initialization accuracy and early-stop iteration.</summary>
public static class ReproductionTable
{
    /// <summary>One row per level: mean [min, max] over seeds.</summary>
    public static string Render(IReadOnlyList<LevelSummary> levels)
    {
        var text = new StringBuilder();
        text.AppendLine("| Level | Weights remaining | Ticket test acc. (%) | Reinit test acc. (%) | Ticket − dense (pp) | Ticket − reinit (pp) | Ticket early stop (it.) | Reinit early stop (it.) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        double dense = SeriesStatistics.Of(levels[0].Ticket.Select(r => r.TestAccuracy * 100)).Mean;
        foreach (var level in levels)
        {
            var ticket = SeriesStatistics.Of(level.Ticket.Select(r => r.TestAccuracy * 100));
            var reinit = SeriesStatistics.Of(level.Reinit.Select(r => r.TestAccuracy * 100));
            var ticketStop = SeriesStatistics.Of(level.Ticket.Select(r => (double)r.StopIteration));
            var reinitStop = SeriesStatistics.Of(level.Reinit.Select(r => (double)r.StopIteration));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {level.Level} | {level.PercentRemaining:F1} % | {Range(ticket)} | {Range(reinit)} | {Signed(ticket.Mean - dense)} | {Signed(ticket.Mean - reinit.Mean)} | {Whole(ticketStop)} | {Whole(reinitStop)} |"));
        }

        return text.ToString();
    }

    private static string Range(SeriesStatistics s) =>
        double.IsNaN(s.Mean) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F2} [{s.Min:F2}, {s.Max:F2}]");

    private static string Signed(double value) =>
        double.IsNaN(value) ? "—" : value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);

    private static string Whole(SeriesStatistics s) =>
        double.IsNaN(s.Mean) ? "—" : s.Mean.ToString("F0", CultureInfo.InvariantCulture);
}
