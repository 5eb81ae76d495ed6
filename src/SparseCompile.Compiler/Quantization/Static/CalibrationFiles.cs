using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>
/// The calibration files a compile read, hashed for the manifest: each .npz sample file, and the input_K.pb files of
/// each test_data_set_N folder, named relative to the calibration path with forward slashes.
/// </summary>
internal static class CalibrationFiles
{
    /// <summary>Hashes the files behind <paramref name="sources"/> (the samples' sources) under <paramref name="calibrationPath"/>.</summary>
    public static IEnumerable<InputFileHash> Hash(string calibrationPath, IEnumerable<string> sources)
    {
        string root = Directory.Exists(calibrationPath) ? calibrationPath : Path.GetDirectoryName(Path.GetFullPath(calibrationPath))!;
        foreach (string source in sources.Distinct(StringComparer.Ordinal))
        {
            var files = File.Exists(source)
                ? [source]
                : Directory.EnumerateFiles(source, "input_*.pb").Order(StringComparer.Ordinal).ToArray();
            foreach (string file in files)
            {
                var hash = InputHasher.Hash("calibration", file);
                yield return hash with { Name = Path.GetRelativePath(root, file).Replace('\\', '/') };
            }
        }
    }
}
