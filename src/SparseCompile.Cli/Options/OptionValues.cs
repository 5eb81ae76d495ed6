using System.CommandLine;
using System.CommandLine.Parsing;

namespace SparseCompile.Cli.Options;

/// <summary>Option values for command validators, which also run when an option failed to parse.</summary>
internal static class OptionValues
{
    /// <summary>The option's value, or its type's default when it did not parse (its own error is reported already).</summary>
    public static T? Get<T>(CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
