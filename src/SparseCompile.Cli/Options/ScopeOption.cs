using System.CommandLine;
using SparseCompile.Cli.Weights;

namespace SparseCompile.Cli.Options;

/// <summary>The --scope option of mask and earlybird: layer or global.</summary>
internal static class ScopeOption
{
    /// <summary>The spelling of a scope on the command line and in JSON.</summary>
    public static string Name(MaskScope scope) => scope == MaskScope.Global ? "global" : "layer";

    /// <summary>--scope layer|global; absent, it is <see cref="MaskScope.Layer"/> (the enum's default value).</summary>
    public static Option<MaskScope> Create() => new("--scope")
    {
        Description = "How weights are ranked: 'layer' keeps the top fraction of every weight on its own; 'global' ranks "
            + "all prunable weights together with one threshold. Default: layer.",
        HelpName = "layer|global",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (string.Equals(text, "layer", StringComparison.OrdinalIgnoreCase))
            {
                return MaskScope.Layer;
            }

            if (string.Equals(text, "global", StringComparison.OrdinalIgnoreCase))
            {
                return MaskScope.Global;
            }

            result.AddError($"'{text}' is not a scope: expected 'layer' or 'global'.");
            return MaskScope.Layer;
        },
    };
}
