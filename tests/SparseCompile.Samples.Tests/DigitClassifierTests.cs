using System.Globalization;
using System.Text.RegularExpressions;

namespace SparseCompile.Samples.Tests;

/// <summary>
/// samples/DigitClassifier, run as its README says: the committed ticket compiled at build time (2:4 + static INT8 +
/// Brotli) against the dense network on the 2,000 test digits, with the issue's two targets.
/// </summary>
public sealed partial class DigitClassifierTests(DigitClassifierTests.DefaultRun run) : IClassFixture<DigitClassifierTests.DefaultRun>
{
    [Fact]
    public void ItClassifiesTheTestDigitsWithAllThreeModels()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Output);
        var rows = Rows(run.Result.Output);
        Assert.Equal(["dense FP32", "ticket FP32 (not compiled)", "ticket 2:4 + INT8 (compiled)"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.True(r.Accuracy > 90, $"{r.Name}: {r.Accuracy} %\n{run.Result.Output}"));
    }

    [Fact]
    public void TheCompiledTicketIsWithinHalfAPointOfDense()
    {
        var rows = Rows(run.Result.Output);
        double drop = rows[0].Accuracy - rows[2].Accuracy;
        Assert.True(drop <= 0.5, $"dense {rows[0].Accuracy} %, compiled ticket {rows[2].Accuracy} %\n{run.Result.Output}");
        Assert.Contains("(target: within 0.5 pp) — met", run.Result.Output);
    }

    [Fact]
    public void TheShippedFileIsAtLeastTenTimesSmallerThanTheDenseModel()
    {
        var rows = Rows(run.Result.Output);
        Assert.EndsWith(".onnx.br", rows[2].File);
        Assert.True(rows[0].Bytes >= 10 * rows[2].Bytes, $"dense {rows[0].Bytes} B, shipped {rows[2].Bytes} B\n{run.Result.Output}");
        Assert.Contains("(target: at least 10x) — met", run.Result.Output);
    }

    private static List<(string Name, string File, long Bytes, double Accuracy)> Rows(string output) =>
        RowPattern().Matches(output).Select(m => (
            m.Groups["name"].Value.Trim(),
            m.Groups["file"].Value,
            long.Parse(m.Groups["bytes"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["accuracy"].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"^  (?<name>(dense|ticket).*?)\s{2,}(?<file>\S+\.onnx(\.br)?)\s+(?<bytes>[\d,]+) B\s+(?<accuracy>[\d.]+) %", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    /// <summary>One run of the default command, shared by the tests (the first run builds the sample and compiles the models).</summary>
    public sealed class DefaultRun
    {
        public SampleResult Result { get; } = SampleProcess.Run("DigitClassifier", TimeSpan.FromMinutes(8));
    }
}
