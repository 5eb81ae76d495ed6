using System.Globalization;
using System.Text.RegularExpressions;

namespace SparseCompile.Samples.Tests;

/// <summary>
/// samples/ImageFeatures, run as its README says. One run of the default command is shared by the tests that read
/// its output (the first run builds the sample: two ResNet18 compiles and the accuracy gate).
/// </summary>
public sealed partial class ImageFeaturesTests(ImageFeaturesTests.DefaultRun run) : IClassFixture<ImageFeaturesTests.DefaultRun>
{
    /// <summary>Photos.Holdout, the photos the sample shows by default.</summary>
    private static readonly string[] Holdout = ["chelsea", "rocket", "immunohistochemistry"];

    /// <summary>
    /// Measured: 0.984 (rocket) to 0.997 (chelsea) on x64 CPU with the gate at 0.99 on the calibration photos; the
    /// margin covers other CPUs' INT8 kernels.
    /// </summary>
    private const double MinDenseCompiledCosine = 0.97;

    [Fact]
    public void ItExitsCleanlyWellWithinAMinuteOnceBuilt()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Output);
        var again = SampleProcess.Run("ImageFeatures", TimeSpan.FromMinutes(2), "--runs", "1");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.True(again.Elapsed < TimeSpan.FromMinutes(1), $"took {again.Elapsed}");
    }

    [Fact]
    public void DenseAndCompiledFeaturesOfEachHeldOutPhotoAgree()
    {
        var cosines = Section(run.Result.Output, "Per-photo cosine, dense vs compiled features:")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));

        Assert.Equal(Holdout, cosines.Keys);
        Assert.All(cosines, pair => Assert.True(pair.Value > MinDenseCompiledCosine, $"{pair.Key}: {pair.Value}\n{run.Result.Output}"));
    }

    [Fact]
    public void ItPrintsTheSimilarityMatricesOfBothModelsSideBySide()
    {
        var rows = Section(run.Result.Output, "Cosine similarity between photos (dense | compiled):").Skip(1).ToList();

        Assert.Equal(Holdout, rows.Select(r => r.Split(' ', 2)[0]));
        for (int i = 0; i < rows.Count; i++)
        {
            string[] halves = rows[i].Split('|');
            var dense = Numbers(halves[0]);
            var compiled = Numbers(halves[1]);
            Assert.Equal(Holdout.Length, dense.Length);
            Assert.Equal(Holdout.Length, compiled.Length);
            Assert.Equal(1.0, dense[i], 3);
            Assert.Equal(1.0, compiled[i], 3);
            Assert.All(Enumerable.Range(0, Holdout.Length), j => Assert.True(Math.Abs(dense[j] - compiled[j]) < 0.05, rows[i]));
        }
    }

    [Fact]
    public void TheCompiledModelIsSmallerThanTheDenseOne()
    {
        double fp32 = Megabytes("FP32 ResNet18.onnx");
        double compiled = Megabytes("compiled ResNet18.onnx");
        double shipped = Megabytes("shipped ResNet18.onnx.br");

        Assert.True(compiled < fp32, run.Result.Output);
        Assert.True(shipped < compiled, run.Result.Output);
    }

    [Fact]
    public void ItReportsTheLatencyAndWhatTheAccuracyGateKept()
    {
        Assert.Matches(@"dense\s+[0-9.]+ ms", run.Result.Output);
        Assert.Matches(@"compiled\s+[0-9.]+ ms", run.Result.Output);
        Assert.Contains("Accuracy gate: cosine >= 0.9900 on 5 calibration photos", run.Result.Output);
        Assert.Contains("kept dense (not pruned):", run.Result.Output);
    }

    [Fact]
    public void HelpExplainsTheOptions()
    {
        var help = SampleProcess.Run("ImageFeatures", TimeSpan.FromMinutes(5), "--help");

        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("Usage: dotnet run --project samples/ImageFeatures", help.Output);
        Assert.Contains("--all", help.Output);
        Assert.Contains("--runs", help.Output);
    }

    [Fact]
    public void AnUnknownOptionFailsWithExitCode2()
    {
        var result = SampleProcess.Run("ImageFeatures", TimeSpan.FromMinutes(5), "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown option --bogus", result.Output);
    }

    private double Megabytes(string label)
    {
        var match = Regex.Match(run.Result.Output, Regex.Escape(label) + @"\s+([0-9.]+) MB");
        Assert.True(match.Success, $"no size for {label}:\n{run.Result.Output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double[] Numbers(string text) =>
        NumberPattern().Matches(text).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The lines after <paramref name="heading"/>, up to the next blank line.</summary>
    private static IEnumerable<string> Section(string output, string heading)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        int start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"'{heading}' not printed:\n{output}");
        return lines.Skip(start + 1).TakeWhile(l => l.Trim().Length > 0).Select(l => l.Trim());
    }

    [GeneratedRegex(@"-?[0-9]+\.[0-9]+")]
    private static partial Regex NumberPattern();

    /// <summary>One run of the sample's default command (build included), shared by the tests.</summary>
    public sealed class DefaultRun
    {
        /// <summary>Its exit code and output.</summary>
        public SampleResult Result { get; } = SampleProcess.Run("ImageFeatures", TimeSpan.FromMinutes(5));
    }
}
