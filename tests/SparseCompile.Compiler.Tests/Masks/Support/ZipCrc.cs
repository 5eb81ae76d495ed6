namespace SparseCompile.Compiler.Tests.Masks.Support;

/// <summary>The zip CRC-32 (reflected polynomial 0xEDB88320), table-driven, over one or several pieces.</summary>
public sealed class ZipCrc
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private uint state = 0xFFFFFFFF;

    /// <summary>The checksum of everything appended.</summary>
    public uint Value => ~state;

    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var crc = new ZipCrc();
        crc.Append(bytes);
        return crc.Value;
    }

    /// <summary>Adds <paramref name="bytes"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        uint c = state;
        foreach (byte b in bytes)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        state = c;
    }
}
