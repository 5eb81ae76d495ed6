using System.Globalization;

namespace SparseCompile.Compiler.Fusion.Graph;

/// <summary>
/// Symbolic dimensions as strings: a number ("384"), a graph input's dim_param ("$batch"), or an expression that stands
/// for one run-time value ("bcast($sequence,?x#1)", "?x#2"). Two equal strings always mean equal run-time sizes; two
/// different strings may or may not be equal, so a matcher only trusts equality.
/// </summary>
internal static class Dims
{
    /// <summary>The dimension of size 1.</summary>
    public const string One = "1";

    /// <summary>A fixed size.</summary>
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The size of a fixed dimension, or null for a symbolic one.</summary>
    public static long? Value(string dim) =>
        long.TryParse(dim, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;

    /// <summary>A dimension nothing is known about, named after the value and axis it belongs to.</summary>
    public static string Unknown(string value, int axis) => $"?{value}#{axis.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The numpy-broadcast of two dimensions, or null when they cannot broadcast (two different fixed sizes, neither 1).
    /// A fixed size other than 1 wins over a symbol (the symbol must be 1 or that size for the model to run).
    /// </summary>
    public static string? Broadcast(string a, string b)
    {
        if (a == b || b == One)
        {
            return a;
        }

        if (a == One)
        {
            return b;
        }

        long? x = Value(a);
        long? y = Value(b);
        if (x is not null && y is not null)
        {
            return null;
        }

        if (x is not null || y is not null)
        {
            return x is not null ? a : b;
        }

        return string.CompareOrdinal(a, b) < 0 ? $"bcast({a},{b})" : $"bcast({b},{a})";
    }

    /// <summary>The numpy-broadcast of several shapes (aligned at the right), or null when they cannot broadcast.</summary>
    public static string[]? Broadcast(IReadOnlyList<IReadOnlyList<string>> shapes)
    {
        int rank = shapes.Count == 0 ? 0 : shapes.Max(s => s.Count);
        var result = Enumerable.Repeat(One, rank).ToArray();
        foreach (var shape in shapes)
        {
            for (int i = 0; i < shape.Count; i++)
            {
                int at = rank - shape.Count + i;
                if (Broadcast(result[at], shape[i]) is not { } merged)
                {
                    return null;
                }

                result[at] = merged;
            }
        }

        return result;
    }

    /// <summary>The sum of fixed sizes, or an expression naming the parts.</summary>
    public static string Sum(IReadOnlyList<string> parts) =>
        parts.All(p => Value(p) is not null) ? Of(parts.Sum(p => Value(p)!.Value)) : $"sum({string.Join(",", parts)})";

    /// <summary>Normalizes a possibly negative axis for a tensor of rank <paramref name="rank"/>; null when out of range.</summary>
    public static int? Axis(long axis, int rank) => axis >= -rank && axis < rank ? (int)(axis < 0 ? axis + rank : axis) : null;
}
