using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SparseCompile.Cli.Options;

/// <summary>
/// Options that take a fraction or a count. Numbers parse in the invariant culture (0.5 on every machine),
/// and a value that does not parse or is out of range is a usage error (exit 2) before any file is read.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A required --density: the fraction of weights to keep, in (0, 1].</summary>
    public static Option<double> Density(string description) => new("--density")
    {
        Description = description,
        HelpName = "0..1",
        Required = true,
        CustomParser = result => ParseDouble(result, v => v > 0 && v <= 1, "in (0, 1], the fraction of weights to keep"),
    };

    /// <summary>An optional fraction in [0, 1] with a default (earlybird's --threshold).</summary>
    public static Option<double> Fraction(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "0..1",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseDouble(result, v => v >= 0 && v <= 1, "in [0, 1]"),
    };

    /// <summary>An optional integer of at least <paramref name="minimum"/> with a default (earlybird's --window).</summary>
    public static Option<int> AtLeast(string name, string description, int minimum, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "count",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = Token(result);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                result.AddError($"'{text}' is not an integer: {OptionName(result)} takes a whole number such as {defaultValue}.");
                return defaultValue;
            }

            if (value < minimum)
            {
                result.AddError($"{OptionName(result)} must be at least {minimum}; got {value}.");
            }

            return value;
        },
    };

    private static double ParseDouble(ArgumentResult result, Func<double, bool> inRange, string range)
    {
        string text = Token(result);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            result.AddError($"'{text}' is not a number: {OptionName(result)} takes a decimal {range}, such as 0.5.");
            return 0;
        }

        if (!inRange(value))
        {
            result.AddError($"{OptionName(result)} must be {range}; got {text}.");
        }

        return value;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
