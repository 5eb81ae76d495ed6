using System.Text;
using SparseCompile.Generator.Diagnostics;
using SparseCompile.Generator.Manifest;
using SparseCompile.Generator.Manifest.Json;

namespace SparseCompile.Fuzzing;

/// <summary>The generator's manifest reader: the JSON reader, then the manifest parser that reports diagnostics.</summary>
internal static class ManifestFuzzTarget
{
    /// <summary>
    /// Parses the bytes (as UTF-8) as JSON and as a manifest. A <see cref="JsonSyntaxException"/> from the JSON reader and
    /// diagnostics from the parser are the expected failures; the parser itself must never throw.
    /// </summary>
    public static void Run(ReadOnlySpan<byte> data)
    {
        string text = Encoding.UTF8.GetString(data);
        try
        {
            _ = JsonReader.Parse(text);
        }
        catch (JsonSyntaxException error)
        {
            FuzzScratch.Expected?.Invoke(error);
        }

        var diagnostics = new List<DiagnosticInfo>();
        var document = ManifestParser.Parse("fuzz.sparsemodel.json", text, diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            FuzzScratch.Expected?.Invoke(new InvalidDataException(diagnostic.ToString()));
        }

        if (document is null && diagnostics.Count == 0)
        {
            throw new InvalidOperationException("the manifest parser returned no document and no diagnostic");
        }
    }
}
