using System.CommandLine;

namespace SparseCompile.Cli.Options;

/// <summary>The -o/--output option of the commands that write files.</summary>
internal static class PathOptions
{
    /// <summary>A required -o/--output; <paramref name="extension"/>, when given, is the extension the path must end with.</summary>
    public static Option<string> Output(string description, string helpName, string? extension = null)
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = description,
            HelpName = helpName,
            Required = true,
        };
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--output must not be empty.");
            }
            else if (extension is not null && !value.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"--output must name a {extension} file; got '{value}'.");
            }
        });
        return option;
    }
}
