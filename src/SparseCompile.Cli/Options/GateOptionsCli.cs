using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SparseCompile.Cli.Options;

/// <summary>compile's accuracy gate: --min-cosine, --max-drop and --fallback (with --data, --samples and --labels).</summary>
internal static class GateOptionsCli
{
    /// <summary>--min-cosine c, in [0, 1].</summary>
    public static Option<double?> MinCosine() => new("--min-cosine")
    {
        Description = "Accuracy gate: fail (SC3001, nothing written) unless the compiled model's cosine similarity to the input model reaches c "
            + "on the samples (the lowest over the outputs; for [batch, seq, hidden] outputs with an attention_mask input, the mean-pooled "
            + "sentence-embedding cosine).",
        HelpName = "c",
        CustomParser = result => Parse(result, 0, 1, "0.98"),
    };

    /// <summary>--max-drop pp, in [0, 100].</summary>
    public static Option<double?> MaxDrop() => new("--max-drop")
    {
        Description = "Accuracy gate: fail (SC3002, nothing written) when top-1 accuracy on --labels drops more than this many percentage points.",
        HelpName = "pp",
        CustomParser = result => Parse(result, 0, 100, "1"),
    };

    /// <summary>--fallback.</summary>
    public static Option<bool> Fallback() => new("--fallback")
    {
        Description = "When the gate fails, measure what each pruned (or quantized) weight costs alone and keep the most costly ones dense "
            + "(or float) until the gate holds; the manifest lists them.",
    };

    /// <summary>Usage errors: gate options that need others.</summary>
    public static void Validate(CommandResult result, Option<double?> minCosine, Option<double?> maxDrop, Option<bool> fallback,
        Option<string> data, Option<int?> samples, Option<string> labels)
    {
        bool active = OptionValues.Get(result, minCosine) is not null || OptionValues.Get(result, maxDrop) is not null;
        if (OptionValues.Get(result, fallback) && !active)
        {
            result.AddError("--fallback needs a gate: --min-cosine or --max-drop.");
        }

        if (OptionValues.Get(result, maxDrop) is not null && OptionValues.Get(result, labels) is null)
        {
            result.AddError("--max-drop needs --labels.");
        }

        if (!active && (OptionValues.Get(result, data) is not null || OptionValues.Get(result, samples) is not null || OptionValues.Get(result, labels) is not null))
        {
            result.AddError("--data, --samples and --labels are for the accuracy gate: add --min-cosine or --max-drop.");
        }
    }

    private static double? Parse(ArgumentResult result, double min, double max, string example)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        string name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
        {
            result.AddError($"{name} must be a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}], such as {example}; got '{text}'.");
            return null;
        }

        return value;
    }
}
