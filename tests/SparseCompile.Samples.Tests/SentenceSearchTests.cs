using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SparseCompile.Samples.Tests;

/// <summary>The README's main job: <c>dotnet run --project samples/SentenceSearch</c>.</summary>
public sealed partial class SentenceSearchTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly string[] BuiltInQueries =
    [
        "A rich single man must be looking for a wife.",
        "Her mother was unhappy and complained a lot.",
        "She went for a walk in the park and met him there.",
        "A letter told her everything about Wickham.",
        "Being proud is not the same as being vain.",
        "The room in the big house was beautifully furnished.",
    ];

    [Fact]
    public void ComparesDenseAndInt8RankingsOnTheBuiltInQueries()
    {
        var (exitCode, text, _) = SampleProcess.Run("SentenceSearch", Timeout);
        output.WriteLine(text);
        Assert.Equal(0, exitCode);

        // The corpus and its source.
        Assert.Contains("100 sentences from Jane Austen, Pride and Prejudice", text);
        Assert.Contains("public domain", text);

        // Every built-in query with both rankings, agreement and latency.
        var blocks = Regex.Split(text, @"^Query \d+: ", RegexOptions.Multiline).Skip(1).ToArray();
        Assert.Equal(BuiltInQueries.Length, blocks.Length);
        int sameTop = 0;
        for (int q = 0; q < BuiltInQueries.Length; q++)
        {
            string block = blocks[q];
            Assert.StartsWith($"\"{BuiltInQueries[q]}\"", block);
            Assert.Contains("dense (FP32)", block);
            Assert.Contains("int8 (dynamic INT8)", block);
            var ranks = RankRow().Matches(block);
            Assert.Equal(3, ranks.Count);
            Assert.All(ranks, r => Assert.Equal(2, r.Groups["entry"].Captures.Count));
            var agreement = Agreement().Match(block);
            Assert.True(agreement.Success, block);
            sameTop += agreement.Groups["top"].Value == "same" ? 1 : 0;
            Assert.True(double.Parse(agreement.Groups["cosine"].Value, CultureInfo.InvariantCulture) > 0.97, agreement.Value);
            Assert.Matches(@"latency \(median of \d+\): dense \d+\.\d ms, int8 \d+\.\d ms", block);
        }

        // Measured: top-1 equal on 6 of 6, query cosines 0.989-0.995.
        Assert.True(sameTop >= 5, $"top-1 agreement on {sameTop} of {BuiltInQueries.Length} queries");

        // Sizes: the compiled model is smaller than the dense one, and its Brotli form smaller still.
        var dense = Regex.Match(text, @"dense FP32 minilm-dense\.onnx: (?<mb>\d+\.\d) MB");
        var int8 = Regex.Match(text, @"int8 dynamic INT8: compiled \.onnx (?<onnx>\d+\.\d) MB .*shipped minilm-int8\.onnx\.br: (?<br>\d+\.\d) MB");
        Assert.True(dense.Success && int8.Success, text);
        double denseMb = double.Parse(dense.Groups["mb"].Value, CultureInfo.InvariantCulture);
        double onnxMb = double.Parse(int8.Groups["onnx"].Value, CultureInfo.InvariantCulture);
        double brMb = double.Parse(int8.Groups["br"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(denseMb, 80, 100);
        Assert.True(onnxMb < denseMb / 3, $"compiled {onnxMb} MB against dense {denseMb} MB");
        Assert.True(brMb < onnxMb, $"shipped {brMb} MB against compiled {onnxMb} MB");
    }

    [Fact]
    public void AnswersItsOwnQueriesWithTopK()
    {
        var (exitCode, text, _) = SampleProcess.Run("SentenceSearch", Timeout, "--query", "A person may be proud without being vain.", "--top", "2", "--runs", "1");
        output.WriteLine(text);
        Assert.Equal(0, exitCode);
        Assert.Single(Regex.Matches(text, @"^Query \d+: ", RegexOptions.Multiline));
        Assert.Equal(2, RankRow().Matches(text).Count);

        // The corpus holds this sentence (#8): both models find it first, with a score of about 1.
        Assert.Matches(@"\n\s+1  #8\s+(0\.99\d|1\.000)\s+#8\s+(0\.9\d\d|1\.000)", text);
        Assert.Contains("top-1 same, overlap@2", text);
    }

    [Fact]
    public void HelpExplainsTheOptions()
    {
        var (exitCode, text, _) = SampleProcess.Run("SentenceSearch", Timeout, "--help");
        Assert.Equal(0, exitCode);
        foreach (string option in (string[])["--query", "--top", "--runs", "--write-calibration", "-p:SentenceSearchSparse=true"])
        {
            Assert.Contains(option, text);
        }

        var (badExit, badText, _) = SampleProcess.Run("SentenceSearch", Timeout, "--top", "zero");
        Assert.Equal(2, badExit);
        Assert.Contains("--top needs a positive whole number", badText);
    }

    [GeneratedRegex(@"^\s+\d+  (?<entry>#\d+\s+-?\d\.\d{3}\s*){2,}$", RegexOptions.Multiline)]
    private static partial Regex RankRow();

    [GeneratedRegex(@"agreement int8 vs dense: top-1 (?<top>same|DIFFERENT), overlap@3 \d/3, query cosine (?<cosine>\d\.\d{4})")]
    private static partial Regex Agreement();
}
