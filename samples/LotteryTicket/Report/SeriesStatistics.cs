namespace LotteryTicket.Report;

/// <summary>Mean, minimum and maximum of one level's values over the seeds.</summary>
public readonly record struct SeriesStatistics(double Mean, double Min, double Max)
{
    /// <summary>The statistics of <paramref name="values"/> (NaN for none).</summary>
    public static SeriesStatistics Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? new(double.NaN, double.NaN, double.NaN) : new(list.Average(), list.Min(), list.Max());
    }
}
