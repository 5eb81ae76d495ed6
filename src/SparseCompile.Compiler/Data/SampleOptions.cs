namespace SparseCompile.Compiler.Data;

/// <summary>Where evaluation and calibration samples come from, and how many are used.</summary>
public sealed record SampleOptions
{
    /// <summary>The number of samples generated when no data path is given and no count is set.</summary>
    public const int DefaultGeneratedCount = 8;

    /// <summary>
    /// A folder of <c>test_data_set_N/input_K.pb</c> sets, a folder of <c>.npz</c> files (one sample each, keyed by
    /// input name), or one <c>.npz</c> file; null generates inputs from the model's input metadata.
    /// </summary>
    public string? DataPath { get; init; }

    /// <summary>At most this many samples are used; null uses every sample of the data (or <see cref="DefaultGeneratedCount"/> generated ones).</summary>
    public int? MaxSamples { get; init; }

    /// <summary>How inputs are generated without a data path.</summary>
    public GenerationOptions Generation { get; init; } = new();

    /// <summary>"generated", or the data path as given.</summary>
    public string Description => DataPath ?? "generated";
}
