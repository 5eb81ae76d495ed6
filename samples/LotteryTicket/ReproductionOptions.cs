using System.Globalization;

namespace LotteryTicket;

/// <summary>The command line: every setting of the reproduction, defaulting to the committed run.</summary>
internal sealed record ReproductionOptions
{
    /// <summary>Training iterations per level (batch 60). 6,000 ≈ 51 epochs of the 7,000 training digits (the paper: 50,000 iterations ≈ 55 epochs of 55,000).</summary>
    public int Iterations { get; init; } = 6000;

    /// <summary>Pruning rounds: 15 reaches Pm = 3.6 %.</summary>
    public int Rounds { get; init; } = 15;

    /// <summary>The seeds, one IMP run each.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Where runs are saved (and resumed from).</summary>
    public string RunsFolder { get; init; } = "artifacts/lottery-ticket";

    /// <summary>Where the table and plot go.</summary>
    public string DocsFolder { get; init; } = "docs";

    /// <summary>Where the dense network and the 2:4 ticket of the first seed are exported.</summary>
    public string ExportFolder { get; init; } = "samples/DigitClassifier/Ticket";

    /// <summary>The MNIST subset.</summary>
    public string Data { get; init; } = "samples/Data/mnist-10k.bin.br";

    /// <summary>Parses <c>--iterations N --rounds N --seeds 1,2,3 --runs DIR --docs DIR --export DIR --data FILE</c>.</summary>
    public static ReproductionOptions Parse(string[] args)
    {
        var options = new ReproductionOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--iterations" => options with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seeds" => options with { Seeds = value.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--runs" => options with { RunsFolder = value },
                "--docs" => options with { DocsFolder = value },
                "--export" => options with { ExportFolder = value },
                "--data" => options with { Data = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }

    /// <summary>True when the experiment's settings (not the folders) are the defaults.</summary>
    public bool IsDefaultExperiment
    {
        get
        {
            var defaults = new ReproductionOptions();
            return Iterations == defaults.Iterations && Rounds == defaults.Rounds && Seeds.SequenceEqual(defaults.Seeds);
        }
    }

    /// <summary>The command line that gives these options' experiment.</summary>
    public string CommandLine() => IsDefaultExperiment
        ? "dotnet run -c Release --project samples/LotteryTicket"
        : string.Create(CultureInfo.InvariantCulture,
            $"dotnet run -c Release --project samples/LotteryTicket -- --iterations {Iterations} --rounds {Rounds} --seeds {string.Join(',', Seeds)}");
}
