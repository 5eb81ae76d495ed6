using System.Globalization;

namespace SparseCompile.Cli.Rendering;

/// <summary>Number and shape formatting for the human output (invariant culture).</summary>
internal static class Format
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>A count with thousands separators: 11,689,512.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A byte count in binary units: 44.6 MiB.</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>A fraction as a percentage with one decimal; tiny nonzero fractions read &lt;0.1%.</summary>
    public static string Percent(double fraction)
    {
        if (fraction > 0 && fraction < 0.0005)
        {
            return "<0.1%";
        }

        if (fraction < 1 && fraction > 0.9995)
        {
            return ">99.9%";
        }

        return (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Static dims as [64, 3, 7, 7].</summary>
    public static string Dims(IReadOnlyList<long> dims) =>
        "[" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
