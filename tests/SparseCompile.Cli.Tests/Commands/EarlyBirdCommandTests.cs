using System.Text.Json;
using SparseCompile.Cli.Tests.Support;

namespace SparseCompile.Cli.Tests.Commands;

public sealed class EarlyBirdCommandTests : IDisposable
{
    private const int Count = 12;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ConvergingCheckpointsNameTheCheckpointTheRuleFiresAt()
    {
        // Checkpoint k = base + 4·noise_k / 2^k: masks change a lot at first, then settle.
        var sequence = Checkpoints.Sequence(Count, k => 4f / (1 << k));
        int? expected = EarlyBirdOracle.EmergedAt(sequence, 0.5, 0.1, 5);
        Assert.NotNull(expected);
        Assert.InRange(expected.Value, 5, Count - 1); // not as soon as the window is full: the early masks disagree
        string[] files = Checkpoints.Save(temp, sequence);

        var result = Sparsec.Run(["earlybird", .. files, "--density", "0.5", "--json"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        using var json = Json.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["schemaVersion", "density", "scope", "threshold", "window", "weightCount", "parameterCount", "emergedAt",
            "emergedFile", "checkpoints", "warnings"], Json.Names(root));
        Assert.Equal(expected, root.GetProperty("emergedAt").GetInt32());
        Assert.Equal(files[expected.Value], root.GetProperty("emergedFile").GetString());
        Assert.Equal(2, root.GetProperty("weightCount").GetInt32());
        Assert.Equal(32 * 16 + 16 * 8, root.GetProperty("parameterCount").GetInt64());

        var checkpoints = root.GetProperty("checkpoints").EnumerateArray().ToArray();
        Assert.Equal(Count, checkpoints.Length);
        var masks = sequence.Select(c => c.SelectMany(w => EarlyBirdOracle.TopFraction(w, 0.5)).ToArray()).ToArray();
        for (int i = 0; i < Count; i++)
        {
            var distances = checkpoints[i].GetProperty("distances").EnumerateArray().ToArray();
            Assert.Equal(Enumerable.Range(Math.Max(0, i - 4), Math.Min(i, 4)), distances.Select(d => d.GetProperty("predecessor").GetInt32()));
            foreach (var d in distances)
            {
                int j = d.GetProperty("predecessor").GetInt32();
                Assert.Equal(Math.Round(EarlyBirdOracle.Distance(masks[i], masks[j]), 6), d.GetProperty("distance").GetDouble(), 9);
            }

            Assert.Equal(i >= 4, checkpoints[i].GetProperty("windowFull").GetBoolean());
        }

        var human = Sparsec.Run(["earlybird", .. files, "--density", "0.5"]);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains($"Early-Bird ticket at checkpoint {expected} ({files[expected.Value]})", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DivergingCheckpointsSayNone()
    {
        // Checkpoint k = base + noise_k · 2^k: the noise takes over.
        var sequence = Checkpoints.Sequence(8, k => 0.25f * (1 << k));
        Assert.Null(EarlyBirdOracle.EmergedAt(sequence, 0.5, 0.1, 5));
        string[] files = Checkpoints.Save(temp, sequence);

        var result = Sparsec.Run(["earlybird", .. files, "--density", "0.5", "--json"]);
        Assert.Equal(0, result.ExitCode);
        using var json = Json.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("emergedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("emergedFile").ValueKind);

        var human = Sparsec.Run(["earlybird", .. files, "--density", "0.5"]);
        Assert.Contains("No Early-Bird ticket", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowAndThresholdChangeTheVerdict()
    {
        var sequence = Checkpoints.Sequence(Count, k => 4f / (1 << k));
        string[] files = Checkpoints.Save(temp, sequence);
        foreach (var (window, threshold, scope) in new[] { (3, 0.05, "layer"), (2, 0.2, "layer"), (4, 0.1, "global") })
        {
            var result = Sparsec.Run(["earlybird", .. files, "--density", "0.5", "--window", $"{window}",
                "--threshold", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), "--scope", scope, "--json"]);
            Assert.Equal(0, result.ExitCode);
            using var json = Json.Parse(result.Stdout);
            Assert.Equal(window, json.RootElement.GetProperty("window").GetInt32());
            Assert.Equal(scope, json.RootElement.GetProperty("scope").GetString());
            if (scope == "layer")
            {
                int? expected = EarlyBirdOracle.EmergedAt(sequence, 0.5, threshold, window);
                Assert.Equal(expected, json.RootElement.GetProperty("emergedAt").ValueKind == JsonValueKind.Null
                    ? null : json.RootElement.GetProperty("emergedAt").GetInt32());
            }
        }
    }

    [Fact]
    public void FewerCheckpointsThanTheWindowSayNoneAndWhy()
    {
        var sequence = Checkpoints.Sequence(3, _ => 0f);
        string[] files = Checkpoints.Save(temp, sequence);
        var result = Sparsec.Run(["earlybird", .. files, "--density", "0.5"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No Early-Bird ticket", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("the rule needs at least 5 checkpoints; 3 given", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckpointsWithOtherWeightNamesAreAnError()
    {
        var sequence = Checkpoints.Sequence(2, _ => 0.1f);
        string first = temp.Save(Checkpoints.Model(sequence[0]), "a.onnx");
        string second = temp.Save(Checkpoints.Model(sequence[1], secondWeightName: "w2_renamed"), "b.onnx");
        var result = Sparsec.Run("earlybird", first, second, "--density", "0.5");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal($"error SC1130: {second}: there is no prunable weight 'w2', which {first} has; both must hold the same prunable weights",
            Assert.Single(result.StderrLines));
    }

    [Fact]
    public void CheckpointsWithOtherWeightShapesAreAnError()
    {
        var sequence = Checkpoints.Sequence(2, _ => 0.1f);
        string first = temp.Save(Checkpoints.Model(sequence[0]), "a.onnx");
        string second = temp.Save(Checkpoints.Model(sequence[1], secondWeightDims: [8, 16]), "b.onnx");
        var result = Sparsec.Run("earlybird", first, second, "--density", "0.5", "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal($"error SC1131: {second}: prunable weight 'w2' has shape [8, 16] here but [16, 8] in {first}", Assert.Single(result.StderrLines));
    }
}
