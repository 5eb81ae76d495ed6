using System.IO.Compression;
using System.Text;

namespace SparseCompile.Compiler.Tests.Masks.Support;

/// <summary>
/// Writes zip files byte by byte so tests can make every header say what they want: sizes and
/// CRCs that lie, local headers that disagree with the central directory, any compression method.
/// </summary>
public sealed class RawZip
{
    private readonly List<Entry> entries = [];

    /// <summary>Zip method numbers.</summary>
    public const ushort Stored = 0, Deflated = 8;

    /// <summary>Adds an honest entry holding <paramref name="content"/>, stored or deflated.</summary>
    public RawZip Add(string name, byte[] content, bool deflate = false)
    {
        byte[] data = deflate ? Deflate(content) : content;
        return AddRaw(name, deflate ? Deflated : Stored, data, Crc32(content), content.Length);
    }

    /// <summary>Adds an entry whose headers say exactly what the arguments say, whatever <paramref name="data"/> is.</summary>
    public RawZip AddRaw(string name, ushort method, byte[] data, uint crc, long declaredSize, long? localDeclaredSize = null, long? declaredCompressedSize = null)
    {
        entries.Add(new Entry(name, method, data, crc, declaredSize, localDeclaredSize ?? declaredSize, declaredCompressedSize ?? data.Length));
        return this;
    }

    /// <summary>The zip's bytes: local headers and data, the central directory, the end record.</summary>
    public byte[] ToArray()
    {
        using var output = new MemoryStream();
        using var w = new BinaryWriter(output);
        var offsets = new List<long>();
        foreach (var e in entries)
        {
            offsets.Add(output.Position);
            byte[] name = Encoding.UTF8.GetBytes(e.Name);
            w.Write(0x04034b50u);
            w.Write((ushort)20);      // version needed
            w.Write((ushort)0x0800);  // UTF-8 names
            w.Write(e.Method);
            w.Write((ushort)0);       // time
            w.Write((ushort)0x21);    // date: 1980-01-01
            w.Write(e.Crc);
            w.Write((uint)e.CompressedSize);
            w.Write((uint)e.LocalSize);
            w.Write((ushort)name.Length);
            w.Write((ushort)0);
            w.Write(name);
            w.Write(e.Data);
        }

        long directoryStart = output.Position;
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            byte[] name = Encoding.UTF8.GetBytes(e.Name);
            w.Write(0x02014b50u);
            w.Write((ushort)20);      // version made by
            w.Write((ushort)20);      // version needed
            w.Write((ushort)0x0800);
            w.Write(e.Method);
            w.Write((ushort)0);
            w.Write((ushort)0x21);
            w.Write(e.Crc);
            w.Write((uint)e.CompressedSize);
            w.Write((uint)e.Size);
            w.Write((ushort)name.Length);
            w.Write((ushort)0);       // extra
            w.Write((ushort)0);       // comment
            w.Write((ushort)0);       // disk
            w.Write((ushort)0);       // internal attributes
            w.Write(0u);              // external attributes
            w.Write((uint)offsets[i]);
            w.Write(name);
        }

        long directoryEnd = output.Position;
        w.Write(0x06054b50u);
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)entries.Count);
        w.Write((ushort)entries.Count);
        w.Write((uint)(directoryEnd - directoryStart));
        w.Write((uint)directoryStart);
        w.Write((ushort)0);
        w.Flush();
        return output.ToArray();
    }

    /// <summary>Raw deflate of <paramref name="content"/>.</summary>
    public static byte[] Deflate(byte[] content)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>The zip CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes) => ZipCrc.Of(bytes);

    private sealed record Entry(string Name, ushort Method, byte[] Data, uint Crc, long Size, long LocalSize, long CompressedSize);
}
