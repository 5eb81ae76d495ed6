using System.CommandLine;
using System.CommandLine.Parsing;
using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Cli.Options;

/// <summary>Options that take an N:M pattern (inspect's --pattern, compile's and mask's --sparsity), parsed one way.</summary>
internal static class PatternOptions
{
    /// <summary>The spelling that turns N:M restructuring off.</summary>
    public const string None = "none";

    /// <summary>An option that takes N:M and defaults to 2:4 (inspect's --pattern).</summary>
    public static Option<NMPattern> Required(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N:M",
        DefaultValueFactory = _ => NMPattern.TwoFour,
        CustomParser = result => Parse(result, allowNone: false) ?? NMPattern.TwoFour,
    };

    /// <summary>An option that takes N:M or <c>none</c>, defaulting to <paramref name="defaultValue"/>.</summary>
    public static Option<SparsitySetting> Optional(string name, string description, NMPattern? defaultValue) => new(name)
    {
        Description = description,
        HelpName = "N:M|none",
        DefaultValueFactory = _ => new SparsitySetting(defaultValue),
        CustomParser = result => new SparsitySetting(Parse(result, allowNone: true)),
    };

    /// <summary>Parses the option's one token; adds a usage error and returns null when it is not a pattern.</summary>
    private static NMPattern? Parse(ArgumentResult result, bool allowNone)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (NMPattern.TryParse(text, out var parsed))
        {
            return parsed;
        }

        if (allowNone && string.Equals(text, None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        result.AddError(allowNone
            ? $"'{text}' is not an N:M pattern: expected two integers with 1 <= N < M, such as 2:4 or 4:8, or '{None}'."
            : $"'{text}' is not an N:M pattern: expected two integers with 1 <= N < M, such as 2:4 or 4:8.");
        return null;
    }
}
