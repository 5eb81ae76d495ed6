using System.Globalization;

namespace LotteryTicket.Report;

/// <summary>
/// Reads the measured levels against the shape Frankle &amp; Carbin report for LeNet-300-100: the ticket within 0.5 pp of
/// dense (or above) down to about 7 % of weights, and random re-initialization clearly below the ticket at 21 % and lower.
/// States what was measured, whichever way it came out.
/// </summary>
internal static class ShapeCheck
{
    /// <summary>One sentence per claim.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<LevelSummary> levels)
    {
        double dense = SeriesStatistics.Of(levels[0].Ticket.Select(r => r.TestAccuracy * 100)).Mean;
        var pruned = levels.Skip(1).Select(l => (l.PercentRemaining,
            Ticket: SeriesStatistics.Of(l.Ticket.Select(r => r.TestAccuracy * 100)).Mean,
            Reinit: SeriesStatistics.Of(l.Reinit.Select(r => r.TestAccuracy * 100)).Mean)).ToList();

        var holding = pruned.TakeWhile(p => p.Ticket >= dense - 0.5).ToList();
        string lowest = holding.Count == 0 ? "no pruned level" : Inv($"{holding[^1].PercentRemaining:F1} %");
        var atSeven = pruned.Where(p => p.PercentRemaining >= 6.5).ToList();
        bool heldToSeven = atSeven.Count > 0 && atSeven.All(p => p.Ticket >= dense - 0.5);
        yield return Inv($"Paper: the ticket stays within 0.5 pp of dense (or above) down to about 7 %. Measured: dense {dense:F2} %; the ticket (mean over seeds) holds within 0.5 pp at every level down to {lowest}") +
            (heldToSeven ? " — the paper's shape." : " — short of the paper's 7 %.");

        var low = pruned.Where(p => p.PercentRemaining <= 21.5 && !double.IsNaN(p.Reinit)).ToList();
        if (low.Count > 0)
        {
            int below = low.Count(p => p.Reinit < p.Ticket);
            double smallest = low.Min(p => p.Ticket - p.Reinit);
            double largest = low.Max(p => p.Ticket - p.Reinit);
            yield return Inv($"Paper: random re-initialization falls clearly below the ticket at 21 % and lower. Measured: reinit is below the ticket at {below} of {low.Count} levels from 21.1 % down, by {smallest:F2} to {largest:F2} pp.");
        }

        var speed = levels.Skip(1).Where(l => l.PercentRemaining <= 21.5 && l.Reinit.Count > 0)
            .Select(l => (l.PercentRemaining, Ticket: l.Ticket.Average(r => r.StopIteration), Reinit: l.Reinit.Average(r => r.StopIteration))).ToList();
        if (speed.Count > 0)
        {
            var at21 = speed[0];
            yield return Inv($"Paper: winning tickets learn faster than random re-initialization (at 21 %, 2.51× fewer iterations to the least validation loss). Measured: early stopping at {at21.Ticket:F0} against {at21.Reinit:F0} iterations at {at21.PercentRemaining:F1} % ({at21.Reinit / at21.Ticket:F2}×); sooner at {speed.Count(p => p.Ticket < p.Reinit)} of {speed.Count} levels from 21.1 % down.");
        }

        var top = pruned.OrderByDescending(p => p.Ticket).FirstOrDefault();
        if (top != default)
        {
            yield return Inv($"Best ticket: {top.Ticket:F2} % at {top.PercentRemaining:F1} % of weights ({top.Ticket - dense:+0.00;-0.00} pp against dense; the paper reports its largest gain, +0.3 pp, near 13.5 %).");
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
