namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>Facts of the .npy format (numpy.lib.format): the magic, versions and alignment.</summary>
internal static class NpyFormat
{
    /// <summary>Every .npy array starts with these six bytes, then a major and a minor version byte.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>numpy pads the header so the data starts at a multiple of this.</summary>
    public const int Alignment = 64;

    /// <summary>numpy leaves room for the first (growth) axis to reach this many digits when it pads a header.</summary>
    public const int GrowthAxisMaxDigits = 21;

    /// <summary>Headers longer than this are refused; numpy's own default limit is 10,000.</summary>
    public const int MaxHeaderBytes = 1 << 20;
}
