namespace SparseCompile.Onnx.Graph;

/// <summary>One dimension of a shape: a fixed size, a symbol such as <c>batch</c>, or unknown.</summary>
public readonly record struct Dimension(long? Value, string? Symbol)
{
    /// <summary>A fixed-size dimension.</summary>
    public static Dimension Fixed(long value) => new(value, null);

    /// <summary>A named (symbolic) dimension.</summary>
    public static Dimension Named(string symbol) => new(null, symbol);

    /// <summary>A dimension nothing is known about.</summary>
    public static Dimension Unknown => new(null, null);

    /// <summary>True when the size is fixed.</summary>
    public bool IsFixed => Value.HasValue;

    /// <inheritdoc />
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
