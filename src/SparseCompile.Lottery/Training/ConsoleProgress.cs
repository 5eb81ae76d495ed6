namespace SparseCompile.Lottery.Training;

/// <summary>Writes every report as one line, synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
/// <param name="writer">Where lines go; the console by default.</param>
/// <param name="evaluations">False to print only level events, not every evaluation.</param>
public sealed class ConsoleProgress(TextWriter? writer = null, bool evaluations = true) : IProgress<LotteryProgress>
{
    private readonly TextWriter writer = writer ?? Console.Out;

    /// <summary>Writes <paramref name="value"/>'s line.</summary>
    public void Report(LotteryProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (evaluations || value.Kind != ProgressKind.Evaluation)
        {
            writer.WriteLine(value.ToString());
        }
    }
}
