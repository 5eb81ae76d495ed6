using System.Globalization;
using Microsoft.Build.Framework;
using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Build.Options;

/// <summary>Reads typed values from an item's metadata; a value that does not parse adds a message to <see cref="Errors"/>.</summary>
internal sealed class MetadataReader(ITaskItem item, string projectDirectory)
{
    /// <summary>What did not parse, one sentence each.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The trimmed value, or null when empty.</summary>
    public string? Text(string name)
    {
        string value = item.GetMetadata(name).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>A path relative to the project folder, made full; null when empty.</summary>
    public string? Path(string name) =>
        Text(name) is { } value ? System.IO.Path.GetFullPath(System.IO.Path.Combine(projectDirectory, value)) : null;

    /// <summary>true/false (any case); empty gives <paramref name="fallback"/>.</summary>
    public bool Flag(string name, bool fallback = false)
    {
        string? text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out bool value))
        {
            return value;
        }

        Errors.Add($"{name}=\"{text}\" is not true or false.");
        return fallback;
    }

    /// <summary>A number in [min, max] in the invariant culture; empty gives null.</summary>
    public double? Number(string name, double min, double max, string example)
    {
        string? text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max)
        {
            return value;
        }

        Errors.Add($"{name}=\"{text}\" must be a number in [{Invariant(min)}, {Invariant(max)}], such as {example}.");
        return null;
    }

    /// <summary>A whole number of at least 1; empty gives null.</summary>
    public int? Count(string name)
    {
        string? text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 1)
        {
            return value;
        }

        Errors.Add($"{name}=\"{text}\" must be a whole number of at least 1.");
        return null;
    }

    /// <summary>One of an enum's member names (any case); empty gives <paramref name="fallback"/>.</summary>
    public T Choice<T>(string name, T fallback) where T : struct, Enum
    {
        string? text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!text.Any(char.IsDigit) && Enum.TryParse(text, ignoreCase: true, out T value))
        {
            return value;
        }

        Errors.Add($"{name}=\"{text}\" is not one of {string.Join(", ", Enum.GetNames<T>())}.");
        return fallback;
    }

    /// <summary>An N:M pattern or <c>none</c>; empty gives 2:4.</summary>
    public NMPattern? Pattern(string name)
    {
        string? text = Text(name);
        if (text is null)
        {
            return NMPattern.TwoFour;
        }

        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (NMPattern.TryParse(text, out var pattern))
        {
            return pattern;
        }

        Errors.Add($"{name}=\"{text}\" is not an N:M pattern (two integers with 1 <= N < M, such as 2:4) or none.");
        return NMPattern.TwoFour;
    }

    /// <summary>A ';'-separated list, entries trimmed, empty ones dropped.</summary>
    public string[] List(string name) =>
        item.GetMetadata(name).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
