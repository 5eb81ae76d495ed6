using System.Buffers.Binary;

namespace SparseCompile.Compiler.Masks.Zip;

/// <summary>
/// The CRC-32 zip files carry for each entry (reflected polynomial 0xEDB88320), computed
/// incrementally, eight bytes per step ("slicing by 8") so checking a 400 MB entry stays cheap.
/// </summary>
internal struct Crc32
{
    // Table k maps a byte to its CRC contribution when k more bytes follow it in the step.
    private static readonly uint[] Tables = BuildTables();
    private uint state;

    /// <summary>Starts a new checksum.</summary>
    public static Crc32 Start() => new() { state = 0xFFFFFFFF };

    /// <summary>The checksum of everything appended so far.</summary>
    public readonly uint Value => ~state;

    /// <summary>Adds <paramref name="bytes"/> to the checksum.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        uint crc = state;
        var t = Tables;
        while (bytes.Length >= 8)
        {
            uint low = BinaryPrimitives.ReadUInt32LittleEndian(bytes) ^ crc;
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
            crc = t[(7 * 256) + (low & 0xFF)] ^ t[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ t[(5 * 256) + ((low >> 16) & 0xFF)] ^ t[(4 * 256) + (low >> 24)]
                ^ t[(3 * 256) + (high & 0xFF)] ^ t[(2 * 256) + ((high >> 8) & 0xFF)]
                ^ t[256 + ((high >> 16) & 0xFF)] ^ t[high >> 24];
            bytes = bytes[8..];
        }

        foreach (byte b in bytes)
        {
            crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        state = crc;
    }

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            tables[i] = c;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (previous >> 8) ^ tables[previous & 0xFF];
            }
        }

        return tables;
    }
}
