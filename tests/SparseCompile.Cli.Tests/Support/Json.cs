using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparseCompile.Cli.Tests.Support;

/// <summary>JSON helpers for the --json tests.</summary>
internal static class Json
{
    public static JsonDocument Parse(string text) => JsonDocument.Parse(text);

    public static JsonDocument ParseFile(string path) => JsonDocument.Parse(File.ReadAllText(path));

    /// <summary>Asserts two elements are the same JSON value (property order included, numbers by value).</summary>
    public static void Equal(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonNode.Parse(actual.GetRawText())),
            $"expected {expected.GetRawText()}\nbut got {actual.GetRawText()}");

    /// <summary>The property names of an object, in order.</summary>
    public static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
