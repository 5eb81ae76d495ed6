using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SparseCompile.Cli.Options;

/// <summary>The sample options eval and compile's accuracy gate share: --data, --samples and --labels.</summary>
internal static class SampleOptionsCli
{
    /// <summary>--data &lt;dir&gt;.</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "The samples to run: a folder of test_data_set_N/input_K.pb sets (ONNX model zoo layout), a folder of .npz files "
            + "(one sample each, keyed by input name) or one .npz file. Without it, inputs are generated from the model's input metadata "
            + "(token ids inside the vocabulary, attention masks of ones, seeded normal floats; batch 1, sequence 128).",
        HelpName = "dir",
    };

    /// <summary>--samples N, at least 1.</summary>
    public static Option<int?> Samples() => new("--samples")
    {
        Description = "Use at most this many samples. Default: every sample of --data, or 8 generated ones.",
        HelpName = "N",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                result.AddError($"--samples must be a whole number of at least 1; got '{text}'.");
                return null;
            }

            return value;
        },
    };

    /// <summary>--labels &lt;file&gt;.</summary>
    public static Option<string> Labels() => new("--labels")
    {
        Description = "A text file with one integer class label a line, in sample order (a line per row for batched samples), "
            + "for both models' top-1 accuracy on the [batch, classes] output. Needs --data.",
        HelpName = "file",
    };

    /// <summary>Usage error: --labels without --data.</summary>
    public static void Validate(CommandResult result, Option<string> data, Option<string> labels)
    {
        if (OptionValues.Get(result, labels) is not null && OptionValues.Get(result, data) is null)
        {
            result.AddError("--labels needs --data: generated inputs have no labels.");
        }
    }
}
