using Microsoft.Build.Framework;
using SparseCompile.Compiler.Data;
using SparseCompile.Compiler.Evaluation;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Build.Options;

/// <summary>Turns a <c>&lt;SparseModel&gt;</c> item into a <see cref="ModelRequest"/>, with the same rules as <c>sparsec compile</c>'s options.</summary>
internal static class ModelRequestParser
{
    /// <summary>The folder of <paramref name="projectFile"/>, which relative paths resolve against.</summary>
    public static string ProjectDirectory(string projectFile) => Path.GetDirectoryName(Path.GetFullPath(projectFile))!;

    /// <summary>The full path of the model <paramref name="item"/> names (its spec, relative to <paramref name="projectDirectory"/>).</summary>
    public static string ModelPath(ITaskItem item, string projectDirectory) => Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec));

    /// <summary>Parses <paramref name="item"/>; returns null and fills <paramref name="errors"/> when a metadata value is invalid.</summary>
    /// <param name="item">The item, for its metadata.</param>
    /// <param name="model">The model's full path (<see cref="ModelPath"/>).</param>
    /// <param name="projectDirectory">The folder relative paths are resolved against.</param>
    /// <param name="outputDirectory">The folder the compile writes to.</param>
    /// <param name="errors">Receives one sentence per invalid value.</param>
    /// <exception cref="IOException">A calibration or data folder could not be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">A calibration or data folder may not be listed.</exception>
    public static ModelRequest? Parse(ITaskItem item, string model, string projectDirectory, string outputDirectory, List<string> errors)
    {
        var read = new MetadataReader(item, projectDirectory);
        var mode = read.Choice(ModelMetadata.Quantization, QuantizationMode.Dynamic);
        var method = read.Choice(ModelMetadata.CalibrationMethod, CalibrationMethod.MinMax);
        var options = new CompileOptions
        {
            ModelPath = model,
            OutputDirectory = Path.GetFullPath(outputDirectory),
            MaskPath = read.Path(ModelMetadata.Mask),
            Sparsity = read.Pattern(ModelMetadata.Sparsity),
            Exclude = read.List(ModelMetadata.ExcludeWeights),
            Compress = read.Flag(ModelMetadata.Compress),
            Quantization = new QuantizationOptions
            {
                Mode = mode,
                CalibrationPath = read.Path(ModelMetadata.Calibration),
                Calibration = method,
                Percentile = read.Number(ModelMetadata.Percentile, double.Epsilon, 100, "99.99") ?? 99.99,
                SymmetricActivations = Activations(read),
                EmbeddingBits = EmbeddingBits(read),
            },
        };
        var gate = new AccuracyGateOptions
        {
            Samples = new SampleOptions { DataPath = read.Path(ModelMetadata.Data), MaxSamples = read.Count(ModelMetadata.Samples) },
            MinCosine = read.Number(ModelMetadata.MinCosine, 0, 1, "0.98"),
            MaxDrop = read.Number(ModelMetadata.MaxDrop, 0, 100, "1"),
            LabelsPath = read.Path(ModelMetadata.Labels),
            Fallback = read.Flag(ModelMetadata.Fallback),
        };
        read.Flag(ModelMetadata.Embed); // validated here; the targets act on it
        CheckCombinations(read, options, gate);
        errors.AddRange(read.Errors);
        if (read.Errors.Count > 0)
        {
            return null;
        }

        string?[] files = [options.MaskPath, options.Quantization.CalibrationPath, gate.Samples.DataPath, gate.LabelsPath];
        return new ModelRequest(model, options, gate, files.OfType<string>().SelectMany(FilesUnder).ToArray());
    }

    private static bool Activations(MetadataReader read)
    {
        string? text = read.Text(ModelMetadata.Activations);
        if (text is null || string.Equals(text, "int8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "uint8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        read.Errors.Add($"{ModelMetadata.Activations}=\"{text}\" is not int8 or uint8.");
        return true;
    }

    private static int EmbeddingBits(MetadataReader read)
    {
        string? text = read.Text(ModelMetadata.EmbeddingBits);
        if (text is null or "8")
        {
            return 8;
        }

        if (text == "4")
        {
            return 4;
        }

        read.Errors.Add($"{ModelMetadata.EmbeddingBits}=\"{text}\" is not 8 or 4.");
        return 8;
    }

    /// <summary>The rules <c>sparsec compile</c>'s validators apply to option combinations.</summary>
    private static void CheckCombinations(MetadataReader read, CompileOptions options, AccuracyGateOptions gate)
    {
        bool isStatic = options.Quantization.Mode == QuantizationMode.Static;
        foreach (string name in new[] { ModelMetadata.Calibration, ModelMetadata.CalibrationMethod, ModelMetadata.Percentile, ModelMetadata.Activations })
        {
            if (!isStatic && read.Text(name) is not null)
            {
                read.Errors.Add($"{name} is only used by Quantization=\"Static\".");
            }
        }

        if (options.Quantization.EmbeddingBits != 8 && options.Quantization.Mode != QuantizationMode.Dynamic)
        {
            read.Errors.Add($"{ModelMetadata.EmbeddingBits}=\"{options.Quantization.EmbeddingBits}\" is only used by Quantization=\"Dynamic\".");
        }

        if (isStatic && options.Quantization.CalibrationPath is null)
        {
            read.Errors.Add($"Quantization=\"Static\" needs {ModelMetadata.Calibration}: a folder of calibration samples.");
        }

        if (read.Text(ModelMetadata.Percentile) is not null && options.Quantization.Calibration != CalibrationMethod.Percentile)
        {
            read.Errors.Add($"{ModelMetadata.Percentile} is only used by {ModelMetadata.CalibrationMethod}=\"Percentile\".");
        }

        if (gate.Fallback && !gate.IsActive)
        {
            read.Errors.Add($"{ModelMetadata.Fallback}=\"true\" needs a gate: {ModelMetadata.MinCosine} or {ModelMetadata.MaxDrop}.");
        }

        if (gate.MaxDrop is not null && gate.LabelsPath is null)
        {
            read.Errors.Add($"{ModelMetadata.MaxDrop} needs {ModelMetadata.Labels}.");
        }

        if (gate.LabelsPath is not null && gate.Samples.DataPath is null)
        {
            read.Errors.Add($"{ModelMetadata.Labels} needs {ModelMetadata.Data}: generated inputs have no labels.");
        }

        if (!gate.IsActive && (gate.Samples.DataPath is not null || gate.Samples.MaxSamples is not null || gate.LabelsPath is not null))
        {
            read.Errors.Add($"{ModelMetadata.Data}, {ModelMetadata.Samples} and {ModelMetadata.Labels} are for the accuracy gate: add {ModelMetadata.MinCosine} or {ModelMetadata.MaxDrop}.");
        }
    }

    /// <summary>A file itself, or every file under a folder in ordinal order; a missing path is kept so the compile reports it.</summary>
    private static IEnumerable<string> FilesUnder(string path) => Directory.Exists(path)
        ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        : [path];
}
