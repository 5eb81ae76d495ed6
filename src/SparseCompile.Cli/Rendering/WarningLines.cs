using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Rendering;

/// <summary>Warnings as compilers print them: one <c>warning SCxxxx: &lt;message&gt;</c> line each, on stderr.</summary>
internal static class WarningLines
{
    /// <summary>The line of one warning.</summary>
    public static string Format(CompileDiagnostic warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return $"warning {warning.Code}: {warning.Message}";
    }

    /// <summary>Writes every warning, in order, and flushes.</summary>
    public static void Write(TextWriter stderr, IEnumerable<CompileDiagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(warnings);
        foreach (var warning in warnings)
        {
            stderr.WriteLine(Format(warning));
        }

        stderr.Flush();
    }

    /// <summary>Writes the <c>warnings</c> array of a --json document, exactly as the manifest writes it.</summary>
    public static void WriteJson(System.Text.Json.Utf8JsonWriter json, IEnumerable<CompileDiagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(warnings);
        Compiler.Output.ManifestSections.WriteWarnings(json, warnings);
    }
}
