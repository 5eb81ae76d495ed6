using System.Diagnostics;
using LotteryTicket;
using LotteryTicket.Report;
using SparseCompile.Lottery.Data;
using SparseCompile.Lottery.Export;
using SparseCompile.Lottery.Imp;
using SparseCompile.Lottery.Training;

// Run from the repository root: dotnet run -c Release --project samples/LotteryTicket [-- --iterations N ...]
ReproductionOptions options;
try
{
    options = ReproductionOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("usage: LotteryTicket [--iterations 6000] [--rounds 15] [--seeds 1,2,3] [--runs DIR] [--docs DIR] [--export DIR] [--data FILE]");
    return 2;
}

var data = MnistSubset.Load(options.Data);
Console.WriteLine($"MNIST subset: {data.Train.Count} train, {data.Validation.Count} validation, {data.Test.Count} test digits");
var clock = Stopwatch.StartNew();
var runs = new List<ImpRunResult>();
foreach (int seed in options.Seeds)
{
    runs.Add(ImpRun.Run(new ImpOptions
    {
        RunFolder = Path.Combine(options.RunsFolder, $"seed-{seed}"),
        Seed = seed,
        Rounds = options.Rounds,
        RandomReinitControl = true,
        Training = new TrainingOptions { Iterations = options.Iterations, EvaluateEvery = 100 },
        NMRound = new NMRoundOptions { Distill = true },
    }, data, new ConsoleProgress(evaluations: false)));
}

// Early-Bird on the first seed: does the ~21 % mask settle early in dense training, and does it train like IMP's ticket?
var earlyBird = options.Rounds >= 1
    ? EarlyBirdDemo.Run(runs[0], data, new TrainingOptions { Iterations = options.Iterations, EvaluateEvery = 100, DataSeed = options.Seeds[0] },
        new ConsoleProgress(evaluations: false))
    : null;
double minutes = clock.Elapsed.TotalMinutes;
var levels = ReproductionSummary.Levels(runs);
var nm = ReproductionSummary.NMRound(runs);
Directory.CreateDirectory(options.DocsFolder);
File.WriteAllText(Path.Combine(options.DocsFolder, "lottery-ticket.svg"),
    AccuracyPlot.Render(levels, $"LeNet-300-100 on MNIST (8k/2k subset): {options.Seeds.Count} seeds, {options.Iterations:N0} iterations per level"));
File.WriteAllText(Path.Combine(options.DocsFolder, "lottery-ticket.md"),
    ReproductionDocument.Render(options, levels, nm, earlyBird, ReproductionSummary.TrainingSeconds(runs) / 60, minutes, options.CommandLine()));
Console.WriteLine(ReproductionTable.Render(levels));

// The first seed's dense network and distilled 2:4 ticket, for samples/DigitClassifier.
var first = runs[0];
Directory.CreateDirectory(options.ExportFolder);
TicketExporter.WriteModel(first.LoadTrainedWeights(first.Levels[0]), Path.Combine(options.ExportFolder, "lenet-dense.onnx"));
if (first.NMRound is { } round)
{
    TicketExporter.WriteModel(first.LoadTrainedWeights(round), Path.Combine(options.ExportFolder, "lenet-ticket.onnx"));
    TicketExporter.WriteMask(first.LoadMask(round), Path.Combine(options.ExportFolder, "lenet-ticket.npz"));
}

Console.WriteLine($"done in {minutes:F1} min: {Path.Combine(options.DocsFolder, "lottery-ticket.md")}, exported to {options.ExportFolder}");
return 0;
