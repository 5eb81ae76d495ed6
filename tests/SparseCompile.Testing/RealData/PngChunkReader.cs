using System.Buffers.Binary;
using System.Text;

namespace SparseCompile.Testing.RealData;

/// <summary>Walks the chunks of a PNG file (after its signature), checking each chunk's length and CRC.</summary>
public ref struct PngChunkReader
{
    private readonly ReadOnlySpan<byte> file;
    private int offset;

    /// <summary>Starts reading chunks at <paramref name="start"/> (8, just after the signature).</summary>
    public PngChunkReader(ReadOnlySpan<byte> file, int start)
    {
        this.file = file;
        offset = start;
    }

    /// <summary>The four-letter type of the chunk last read.</summary>
    public string Type { get; private set; } = "";

    /// <summary>The data of the chunk last read.</summary>
    public ReadOnlySpan<byte> Data { get; private set; }

    /// <summary>Reads the next chunk; false at the end of the file.</summary>
    public bool Next()
    {
        if (offset == file.Length)
        {
            return false;
        }

        if (file.Length - offset < 12)
        {
            throw new InvalidDataException($"PNG chunk at byte {offset} is cut off: {file.Length - offset} bytes left, a chunk needs at least 12.");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
        if (length > int.MaxValue || length > file.Length - offset - 12)
        {
            throw new InvalidDataException($"PNG chunk at byte {offset} claims {length} data bytes; only {file.Length - offset - 12} are left.");
        }

        var typeBytes = file.Slice(offset + 4, 4);
        foreach (byte b in typeBytes)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                throw new InvalidDataException($"PNG chunk at byte {offset} has an invalid type (bytes {Convert.ToHexString(typeBytes)}).");
            }
        }

        Type = Encoding.ASCII.GetString(typeBytes);
        Data = file.Slice(offset + 8, (int)length);
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(file[(offset + 8 + (int)length)..]);
        uint actual = Crc32.Compute(file.Slice(offset + 4, 4 + (int)length));
        if (stored != actual)
        {
            throw new InvalidDataException($"PNG chunk {Type} at byte {offset} has CRC {stored:X8}; its bytes give {actual:X8}.");
        }

        offset += 12 + (int)length;
        return true;
    }
}
