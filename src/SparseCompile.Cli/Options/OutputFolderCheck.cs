using System.CommandLine.Parsing;

namespace SparseCompile.Cli.Options;

/// <summary>Refuses a compile whose outputs would replace its own input model.</summary>
internal static class OutputFolderCheck
{
    /// <summary>
    /// Adds a usage error to <paramref name="result"/> when the compiled <c>&lt;name&gt;.onnx</c> would be written over
    /// <paramref name="model"/> itself: --output is the model's folder and the model is named <c>&lt;name&gt;.onnx</c>.
    /// </summary>
    public static void Validate(CommandResult result, string? model, string? outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrWhiteSpace(model) || string.IsNullOrWhiteSpace(outputDirectory))
        {
            return;
        }

        string input = Path.GetFullPath(model);
        string compiled = Path.GetFullPath(Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(model) + ".onnx"));
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(input, compiled, comparison))
        {
            result.AddError($"--output '{outputDirectory}' is the folder of the model: the compiled {Path.GetFileName(model)} would "
                + "replace the dense one; choose another folder.");
        }
    }
}
