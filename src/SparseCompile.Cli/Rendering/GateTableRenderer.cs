using System.Globalization;
using SparseCompile.Compiler.Evaluation;
using Spectre.Console;

namespace SparseCompile.Cli.Rendering;

/// <summary>Writes what the accuracy gate of <c>sparsec compile</c> measured and kept, after the compile summary.</summary>
internal static class GateTableRenderer
{
    /// <summary>Renders the gate's section.</summary>
    public static void Render(GateReport gate, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(console);
        var thresholds = new List<string>();
        if (gate.MinCosine is double min)
        {
            thresholds.Add($"min cosine {min.ToString(CultureInfo.InvariantCulture)}");
        }

        if (gate.MaxDrop is double drop)
        {
            thresholds.Add($"max drop {drop.ToString(CultureInfo.InvariantCulture)} pp");
        }

        Tables.Section(console, $"Accuracy gate ({string.Join(", ", thresholds)}) passed on {Format.Count(gate.Samples)} samples ({gate.Data})");
        var table = Tables.Summary()
            .Row("Cosine", gate.FallbackUsed
                ? $"{FidelityTable.Cosine(gate.CosineBefore)} → {FidelityTable.Cosine(gate.CosineAfter)} ({gate.Metric} of '{gate.MetricOutput}')"
                : $"{FidelityTable.Cosine(gate.CosineAfter)} ({gate.Metric} of '{gate.MetricOutput}')");
        if (gate.Final.Accuracy is { } accuracy)
        {
            table.Row("Accuracy", FidelityTable.Accuracy(accuracy));
        }

        if (gate.FallbackUsed)
        {
            int pruned = gate.Sensitivities.Count(s => s.Change == "pruned");
            int quantized = gate.Sensitivities.Count(s => s.Change == "quantized");
            table.Row("Kept dense", $"{gate.KeptDense.Count} of {pruned} pruned weights");
            if (quantized > 0)
            {
                table.Row("Kept float", $"{gate.KeptFloat.Count} of {quantized} quantized weights");
            }
        }

        table.Row("Time", string.Create(CultureInfo.InvariantCulture,
            $"{gate.TotalSeconds:0.0} s ({gate.Evaluations} in-memory compiles evaluated; ranking {gate.SensitivitySeconds:0.0} s)"));
        console.Write(table);
        if (gate.FallbackUsed)
        {
            var kept = Tables.New(["Weight", "Node", "Kept", "Cosine with only this change"], "Cosine with only this change");
            foreach (var s in gate.Sensitivities.Where(s => s.Kept))
            {
                kept.AddRow(new Text(s.Weight), new Text(s.Node), new Text(s.Change == "pruned" ? "dense" : "float"), new Text(FidelityTable.Cosine(s.Cosine)));
            }

            console.Write(kept);
        }

        console.Write(FidelityTable.Create(gate.Final));
    }
}
