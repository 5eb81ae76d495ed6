using System.Globalization;

namespace SparseCompile.Compiler.Analysis;

/// <summary>
/// An N:M structured-sparsity pattern: at most <see cref="N"/> nonzeros in every group of
/// <see cref="M"/> consecutive weights along the reduction axis (2:4 is what sparse tensor cores run).
/// </summary>
public readonly record struct NMPattern
{
    /// <summary>Creates a pattern; requires 1 &lt;= <paramref name="n"/> &lt; <paramref name="m"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The numbers do not form a sparsity pattern.</exception>
    public NMPattern(int n, int m)
    {
        if (m < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, "the group size M must be at least 2");
        }

        if (n < 1 || n >= m)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"N must be between 1 and M - 1 = {m - 1}");
        }

        N = n;
        M = m;
    }

    /// <summary>The 2:4 pattern of NVIDIA sparse tensor cores (TensorRT kSPARSE_WEIGHTS).</summary>
    public static NMPattern TwoFour { get; } = new(2, 4);

    /// <summary>The most nonzeros allowed per group.</summary>
    public int N { get; }

    /// <summary>The group size: consecutive weights along the reduction axis.</summary>
    public int M { get; }

    /// <summary>The fraction of weights a compliant tensor has zeroed at least: 1 - N/M.</summary>
    public double Sparsity => 1.0 - ((double)N / M);

    /// <summary>Parses <c>N:M</c>, for example <c>2:4</c> or <c>4:8</c>.</summary>
    /// <exception cref="FormatException">The text is not N:M with 1 &lt;= N &lt; M.</exception>
    public static NMPattern Parse(string text) =>
        TryParse(text, out var pattern) ? pattern : throw new FormatException($"'{text}' is not an N:M pattern such as 2:4 (1 <= N < M)");

    /// <summary>Parses <c>N:M</c>; false when the text is not a valid pattern.</summary>
    public static bool TryParse(string? text, out NMPattern pattern)
    {
        pattern = default;
        if (text is null)
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            || m < 2 || n < 1 || n >= m)
        {
            return false;
        }

        pattern = new NMPattern(n, m);
        return true;
    }

    /// <summary>The pattern as <c>N:M</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{N}:{M}");
}
