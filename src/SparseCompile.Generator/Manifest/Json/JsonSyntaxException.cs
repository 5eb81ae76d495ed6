using System;

namespace SparseCompile.Generator.Manifest.Json;

/// <summary>The manifest text is not valid JSON; <see cref="Position"/> is where reading stopped.</summary>
internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, JsonPosition position)
        : base($"{message} at {position}")
    {
        Reason = message;
        Position = position;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    public JsonPosition Position { get; }
}
