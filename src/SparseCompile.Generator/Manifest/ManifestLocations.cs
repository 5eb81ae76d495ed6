using Microsoft.CodeAnalysis.Text;
using SparseCompile.Generator.Diagnostics;
using SparseCompile.Generator.Manifest.Json;

namespace SparseCompile.Generator.Manifest;

/// <summary>Diagnostic locations inside a manifest file.</summary>
internal static class ManifestLocations
{
    /// <summary>A value's text; for an object or array only its opening bracket, so the squiggle stays short.</summary>
    public static LocationInfo Of(string path, JsonNode node) =>
        node is JsonObject or JsonArray ? Between(path, node.Start, node.Start.Next) : Between(path, node.Start, node.End);

    /// <summary>One character at <paramref name="position"/> (empty at the end of the text).</summary>
    public static LocationInfo At(string path, JsonPosition position, int textLength) =>
        Between(path, position, position.Offset < textLength ? position.Next : position);

    /// <summary>The start of the file, for problems with item metadata rather than with the JSON.</summary>
    public static LocationInfo FileStart(string path) => Between(path, default, default);

    private static LocationInfo Between(string path, JsonPosition start, JsonPosition end) =>
        new(path, TextSpan.FromBounds(start.Offset, end.Offset),
            new LinePositionSpan(new LinePosition(start.Line, start.Column), new LinePosition(end.Line, end.Column)));
}
