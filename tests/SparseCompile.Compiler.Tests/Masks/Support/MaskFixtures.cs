using System.Text.Json;

namespace SparseCompile.Compiler.Tests.Masks.Support;

/// <summary>
/// The committed fixtures in tests/fixtures/masks (written by make_fixtures.py with numpy) and
/// what numpy says they hold (expected.json: per file and key, the shape and a '0'/'1' keep string).
/// </summary>
public static class MaskFixtures
{
    private static readonly Lazy<string> FolderPath = new(FindFolder);
    private static readonly Lazy<Dictionary<string, Dictionary<string, ExpectedMask>>> Manifest = new(LoadManifest);

    /// <summary>The fixtures folder.</summary>
    public static string Folder => FolderPath.Value;

    /// <summary>The full path of a fixture file.</summary>
    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>Every fixture file expected.json describes.</summary>
    public static IReadOnlyCollection<string> FileNames => Manifest.Value.Keys;

    /// <summary>The masks numpy says <paramref name="fileName"/> holds.</summary>
    public static IReadOnlyDictionary<string, ExpectedMask> Expected(string fileName) => Manifest.Value[fileName];

    /// <summary>The keep rule every fixture follows: keep where (i * 7) % 5 != 0 for the C-order index i.</summary>
    public static bool FormulaKeep(long i) => i * 7 % 5 != 0;

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "SparseCompile.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures", "masks");
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds SparseCompile.sln");
    }

    private static Dictionary<string, Dictionary<string, ExpectedMask>> LoadManifest()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(File("expected.json")));
        var files = new Dictionary<string, Dictionary<string, ExpectedMask>>(StringComparer.Ordinal);
        foreach (var file in document.RootElement.EnumerateObject())
        {
            var masks = new Dictionary<string, ExpectedMask>(StringComparer.Ordinal);
            foreach (var mask in file.Value.EnumerateObject())
            {
                long[] shape = mask.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                string keep = mask.Value.GetProperty("keep").GetString()!;
                masks[mask.Name] = new ExpectedMask(shape, keep.Select(c => c == '1').ToArray());
            }

            files[file.Name] = masks;
        }

        return files;
    }
}

/// <summary>A mask as numpy reports it.</summary>
public sealed record ExpectedMask(long[] Shape, bool[] Keep);
