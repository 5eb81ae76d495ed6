using System.Text.Json;

namespace SparseCompile.Lottery.Imp;

/// <summary>
/// The files of one IMP run: run.json (the options, checked on resume), init.weights (θ₀), rewind.weights (the rewind
/// point), and per level a folder with mask.bin, start.weights (and reinit-start.weights), trained.weights and result.json, written last, which marks the level
/// finished.
/// </summary>
public sealed class RunFolder
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Wraps <paramref name="path"/> (nothing is created yet).</summary>
    public RunFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The options file.</summary>
    public string ManifestPath => System.IO.Path.Combine(Path, "run.json");

    /// <summary>The initial weights.</summary>
    public string InitPath => System.IO.Path.Combine(Path, "init.weights");

    /// <summary>The weights survivors are rewound to.</summary>
    public string RewindPath => System.IO.Path.Combine(Path, "rewind.weights");

    /// <summary>The folder of a level.</summary>
    public string LevelPath(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A level's mask.</summary>
    public string MaskPath(string name) => System.IO.Path.Combine(LevelPath(name), "mask.bin");

    /// <summary>A level's trained weights.</summary>
    public string TrainedPath(string name) => System.IO.Path.Combine(LevelPath(name), "trained.weights");

    /// <summary>The weights a level's ticket started from (after masking): θ₀ or the rewind point, pruned.</summary>
    public string StartPath(string name) => System.IO.Path.Combine(LevelPath(name), "start.weights");

    /// <summary>The weights a level's random re-initialization control started from (after masking).</summary>
    public string ReinitStartPath(string name) => System.IO.Path.Combine(LevelPath(name), "reinit-start.weights");

    /// <summary>A level's result (present only once the level finished).</summary>
    public string ResultPath(string name) => System.IO.Path.Combine(LevelPath(name), "result.json");

    /// <summary>The folder name of IMP level <paramref name="level"/>: level-00, level-01, ...</summary>
    public static string LevelName(int level) => $"level-{level:00}";

    /// <summary>Writes run.json, or checks that an existing one matches.</summary>
    /// <exception cref="InvalidOperationException">The folder holds a run with other options.</exception>
    internal void CreateOrCheck(ImpManifest manifest)
    {
        Directory.CreateDirectory(Path);
        string text = JsonSerializer.Serialize(manifest, Json);
        if (File.Exists(ManifestPath))
        {
            string existing = File.ReadAllText(ManifestPath);
            if (existing != text)
            {
                throw new InvalidOperationException(
                    $"The run folder '{Path}' holds a run with other options ({ManifestPath}); use a new folder or the same options.\nExisting: {existing}\nNew: {text}");
            }

            return;
        }

        WriteText(ManifestPath, text);
    }

    /// <summary>The saved result of a level, or null when it has not finished.</summary>
    /// <exception cref="InvalidDataException">result.json exists but cannot be read (the message names it).</exception>
    internal ImpLevelResult? TryLoadResult(string name)
    {
        string path = ResultPath(name);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ImpLevelResult>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException("it holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The level result '{path}' is not valid: {e.Message}", e);
        }
    }

    /// <summary>Saves a level's result (after its mask and weights), marking it finished.</summary>
    internal void SaveResult(ImpLevelResult result) => WriteText(ResultPath(result.Name), JsonSerializer.Serialize(result, Json));

    private static void WriteText(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
