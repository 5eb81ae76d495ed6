using System.Text.RegularExpressions;

namespace SparseCompile.Samples.Tests;

/// <summary>
/// samples/LotteryTicket on a short schedule (the committed reproduction takes about 15 minutes): it runs IMP with the
/// random re-initialization control for two seeds, writes the table and the plot, and exports what DigitClassifier uses.
/// </summary>
public sealed partial class LotteryTicketTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("lottery-sample-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void AShortRunWritesTheTableThePlotAndTheExport()
    {
        string docs = Path.Combine(folder, "docs");
        string export = Path.Combine(folder, "export");
        var result = SampleProcess.Run("LotteryTicket", TimeSpan.FromMinutes(8),
            "--iterations", "200", "--rounds", "2", "--seeds", "1,2", "--runs", Path.Combine(folder, "runs"), "--docs", docs, "--export", export);

        Assert.True(result.ExitCode == 0, result.Output);
        string markdown = File.ReadAllText(Path.Combine(docs, "lottery-ticket.md"));
        var rows = TableRow().Matches(markdown);
        Assert.Equal(["100.0", "80.0", "64.1"], rows.Select(r => r.Groups["pm"].Value));
        Assert.Contains("--iterations 200 --rounds 2 --seeds 1,2", markdown);
        Assert.Contains("Final 2:4 round", markdown);

        string svg = File.ReadAllText(Path.Combine(docs, "lottery-ticket.svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Equal(2, Regex.Matches(svg, "<polyline").Count); // ticket and reinit

        Assert.Equal(["lenet-dense.onnx", "lenet-ticket.npz", "lenet-ticket.onnx"],
            Directory.GetFiles(export).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| \d+ \| (?<pm>[\d.]+) % \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
