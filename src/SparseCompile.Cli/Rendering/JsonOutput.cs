using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SparseCompile.Cli.Rendering;

/// <summary>
/// The shape every <c>--json</c> document of sparsec shares: two-space indentation, <c>\n</c> line ends,
/// a final newline, relaxed escaping, fractions rounded to six decimals (counts stay exact).
/// </summary>
internal static class JsonOutput
{
    /// <summary>The writer options of every document.</summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> on a fresh writer; returns the document (ends with a newline).</summary>
    public static string Render(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the document <paramref name="write"/> produces to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(write));
        output.Flush();
    }

    /// <summary>A fraction rounded to six decimals (as the manifest rounds), so documents do not depend on summation order.</summary>
    public static double Fraction(double value) => Math.Round(value, 6, MidpointRounding.ToEven);

    /// <summary>Writes a fraction property, rounded.</summary>
    public static void WriteFraction(this Utf8JsonWriter json, string name, double value) => json.WriteNumber(name, Fraction(value));

    /// <summary>Writes a fraction property, rounded, or null.</summary>
    public static void WriteFraction(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(name, Fraction(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes a string property, or null.</summary>
    public static void WriteNullableString(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Writes dims as an array of numbers.</summary>
    public static void WriteDims(this Utf8JsonWriter json, string name, IReadOnlyList<long> dims)
    {
        json.WriteStartArray(name);
        foreach (long d in dims)
        {
            json.WriteNumberValue(d);
        }

        json.WriteEndArray();
    }
}
