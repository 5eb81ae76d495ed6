using SparseCompile.Generator.Manifest.Json;

namespace SparseCompile.Generator.Tests;

public class JsonReaderTests
{
    [Fact]
    public void ReadsValuesWithTheirPositions()
    {
        var root = Assert.IsType<JsonObject>(JsonReader.Parse("{\n  \"a\": [1, -2.5e3, \"x\\u00e9\\n\", true, null]\n}"));

        Assert.True(root.TryGet("a", out var node));
        var array = Assert.IsType<JsonArray>(node);
        Assert.Equal((1, 7), (array.Start.Line, array.Start.Column));
        Assert.Equal("-2.5e3", Assert.IsType<JsonNumber>(array.Items[1]).Text);
        Assert.Equal("x\u00e9\n", Assert.IsType<JsonString>(array.Items[2]).Value);
        Assert.True(Assert.IsType<JsonLiteral>(array.Items[4]).IsNull);
    }

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("{\"a\":1,}", 0, 7)]
    [InlineData("[1 2]", 0, 3)]
    [InlineData("{\"a\":1,\"a\":2}", 0, 7)]
    [InlineData("[01]", 0, 2)]
    [InlineData("[1.]", 0, 3)]
    [InlineData("[-]", 0, 2)]
    [InlineData("\"tab\there\"", 0, 4)]
    [InlineData("\"\\x\"", 0, 1)]
    [InlineData("\"\\u12G4\"", 0, 1)]
    [InlineData("\"open", 0, 0)]
    [InlineData("[1]\n x", 1, 1)]
    [InlineData("{/* no */}", 0, 1)]
    [InlineData("[tru]", 0, 1)]
    [InlineData("{\r\n\"a\" 1}", 1, 4)]
    public void RejectsInvalidJsonAtThePlaceItGoesWrong(string text, int line, int column)
    {
        var error = Assert.Throws<JsonSyntaxException>(() => JsonReader.Parse(text));

        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void LimitsNestingDepth()
    {
        JsonReader.Parse(new string('[', JsonReader.MaxDepth) + new string(']', JsonReader.MaxDepth));

        var error = Assert.Throws<JsonSyntaxException>(() => JsonReader.Parse(new string('[', 100_000)));
        Assert.Equal(JsonReader.MaxDepth, error.Position.Offset);
    }
}
