using System.Collections.Generic;
using System.Globalization;

namespace SparseCompile.Generator.Manifest.Json;

/// <summary>A JSON value with the span of text it came from (<see cref="Start"/> inclusive, <see cref="End"/> exclusive).</summary>
internal abstract class JsonNode
{
    protected JsonNode(JsonPosition start, JsonPosition end)
    {
        Start = start;
        End = end;
    }

    public JsonPosition Start { get; }

    public JsonPosition End { get; }

    /// <summary>What the value is, for messages: object, array, string, number, true, false or null.</summary>
    public abstract string Kind { get; }
}

/// <summary>An object; properties keep their order and names are unique.</summary>
internal sealed class JsonObject : JsonNode
{
    private readonly Dictionary<string, JsonNode> byName;

    public JsonObject(JsonPosition start, JsonPosition end, Dictionary<string, JsonNode> properties)
        : base(start, end) => byName = properties;

    public override string Kind => "object";

    public bool TryGet(string name, out JsonNode value) => byName.TryGetValue(name, out value!);
}

/// <summary>An array.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(JsonPosition start, JsonPosition end, IReadOnlyList<JsonNode> items)
        : base(start, end) => Items = items;

    public IReadOnlyList<JsonNode> Items { get; }

    public override string Kind => "array";
}

/// <summary>A string, escapes resolved.</summary>
internal sealed class JsonString : JsonNode
{
    public JsonString(JsonPosition start, JsonPosition end, string value)
        : base(start, end) => Value = value;

    public string Value { get; }

    public override string Kind => "string";
}

/// <summary>A number, kept as its text.</summary>
internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(JsonPosition start, JsonPosition end, string text)
        : base(start, end) => Text = text;

    public string Text { get; }

    public override string Kind => "number";

    /// <summary>The value when it is an integer that fits a long.</summary>
    public bool TryGetInt64(out long value) => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

/// <summary>true, false or null.</summary>
internal sealed class JsonLiteral : JsonNode
{
    public JsonLiteral(JsonPosition start, JsonPosition end, string text)
        : base(start, end) => Text = text;

    public string Text { get; }

    public override string Kind => Text;

    public bool IsNull => Text == "null";
}
