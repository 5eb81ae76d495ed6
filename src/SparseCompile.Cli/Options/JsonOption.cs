using System.CommandLine;

namespace SparseCompile.Cli.Options;

/// <summary>The --json flag of every command.</summary>
internal static class JsonOption
{
    /// <summary>--json, described as a document holding <paramref name="what"/>.</summary>
    public static Option<bool> Create(string what) => new("--json")
    {
        Description = $"Write one JSON document (schema version 1) with {what} instead of tables.",
    };
}
