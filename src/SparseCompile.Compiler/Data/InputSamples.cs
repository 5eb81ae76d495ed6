using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Data;

/// <summary>
/// The samples a model is run on: read from a data path (model zoo <c>test_data_set_N/input_K.pb</c> folders or
/// <c>.npz</c> files) or generated from the input metadata. Samples are enumerated lazily, one at a time; every
/// tensor is checked against the input it feeds and converted to its element type.
/// </summary>
public static class InputSamples
{
    /// <summary>The samples for <paramref name="model"/>, at most <see cref="SampleOptions.MaxSamples"/> of them.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC117x naming the file and tensor, raised when the bad sample is reached.</exception>
    public static IEnumerable<InputSample> Enumerate(OnnxModel model, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var inputs = InputSpec.Of(model);
        if (options.DataPath is null)
        {
            return SampleGenerator.Generate(model, inputs, options.Generation).Take(options.MaxSamples ?? SampleOptions.DefaultGeneratedCount);
        }

        var samples = Read(options.DataPath, inputs);
        return options.MaxSamples is int max ? samples.Take(max) : samples;
    }

    /// <summary>The samples under <paramref name="path"/> (a folder or an .npz file) for inputs <paramref name="inputs"/>.</summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">SC1170 at once when the path holds no samples.</exception>
    public static IEnumerable<InputSample> Read(string path, IReadOnlyList<InputSpec> inputs)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inputs);
        if (File.Exists(path))
        {
            return path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)
                ? Single(path, inputs)
                : throw SampleErrors.NotFound(path, "the data file is not an .npz; pass an .npz file or a folder of test_data_set_N sets or .npz files");
        }

        if (!Directory.Exists(path))
        {
            throw SampleErrors.NotFound(path, "the data path does not exist");
        }

        if (ModelZooReader.Holds(path))
        {
            return ModelZooReader.Read(path, inputs);
        }

        var files = Directory.EnumerateFiles(path, "*.npz").Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0
            ? files.Select(f => NpzSampleReader.Read(f, inputs))
            : throw SampleErrors.NotFound(path, "the folder holds no samples: no test_data_set_N folders and no .npz files");
    }

    private static IEnumerable<InputSample> Single(string path, IReadOnlyList<InputSpec> inputs)
    {
        yield return NpzSampleReader.Read(path, inputs);
    }
}
