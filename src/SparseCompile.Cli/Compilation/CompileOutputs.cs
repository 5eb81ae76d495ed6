using SparseCompile.Compiler.Output;

namespace SparseCompile.Cli.Compilation;

/// <summary>
/// The files a compile wrote, spelled from the output folder as the user gave it (out/model.onnx, not an
/// absolute path), so output and JSON do not depend on the working directory.
/// </summary>
/// <param name="Model">The compiled model.</param>
/// <param name="ExternalData">Its external data file, or null when the weights are embedded.</param>
/// <param name="Manifest">The .sparsemodel.json manifest.</param>
/// <param name="Report">The .report.html report.</param>
internal sealed record CompileOutputs(string Model, string? ExternalData, string Manifest, string Report)
{
    /// <summary>The outputs of <paramref name="result"/> under <paramref name="outputDirectory"/> as given.</summary>
    public static CompileOutputs From(CompileResult result, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        string Under(string path) => Path.Combine(outputDirectory, Path.GetFileName(path));
        return new CompileOutputs(
            Under(result.ModelPath),
            result.ExternalDataPath is null ? null : Under(result.ExternalDataPath),
            Under(result.ManifestPath),
            Under(result.ReportPath));
    }
}
