namespace SparseCompile.Generator.Manifest.Json;

/// <summary>A place in the manifest text: character offset, and zero-based line and column.</summary>
internal readonly record struct JsonPosition(int Offset, int Line, int Column)
{
    /// <summary>The position one character to the right on the same line.</summary>
    public JsonPosition Next => new(Offset + 1, Line, Column + 1);

    /// <summary>One-based, as editors show it.</summary>
    public override string ToString() => $"line {Line + 1}, column {Column + 1}";
}
