using System.Runtime.InteropServices;

namespace SparseCompile.Compiler.Masks.Decoding;

/// <summary>
/// Decides keep (nonzero) or drop (zero) for stored elements of one size without converting them:
/// an element keeps when any of its bits survives a mask. Integers keep every bit. Floats clear the
/// sign bit, so -0.0 drops while NaN and subnormals keep. Byte order only moves the sign bit, so
/// big-endian data needs no swapping.
/// </summary>
internal readonly struct KeepRule
{
    private readonly ulong mask;

    private KeepRule(int itemSize, ulong mask)
    {
        ItemSize = itemSize;
        this.mask = mask;
    }

    /// <summary>Bytes per element: 1, 2, 4 or 8.</summary>
    public int ItemSize { get; }

    /// <summary>Bool and integer elements: any set bit keeps.</summary>
    public static KeepRule Integer(int itemSize) => Create(itemSize, signByte: -1);

    /// <summary>IEEE-style floats (and bfloat16, float8 with a negative zero): everything but the sign bit decides.</summary>
    public static KeepRule Float(int itemSize, bool bigEndian) => Create(itemSize, bigEndian ? 0 : itemSize - 1);

    /// <summary>Writes one flag per element of <paramref name="bytes"/> into <paramref name="keep"/>.</summary>
    public void Apply(ReadOnlySpan<byte> bytes, Span<bool> keep)
    {
        if (bytes.Length != keep.Length * ItemSize)
        {
            throw new ArgumentException("the byte count does not match the element count", nameof(bytes));
        }

        switch (ItemSize)
        {
            case 1:
                Apply(bytes, keep, (byte)mask);
                break;
            case 2:
                Apply(MemoryMarshal.Cast<byte, ushort>(bytes), keep, (ushort)mask);
                break;
            case 4:
                Apply(MemoryMarshal.Cast<byte, uint>(bytes), keep, (uint)mask);
                break;
            default:
                Apply(MemoryMarshal.Cast<byte, ulong>(bytes), keep, mask);
                break;
        }
    }

    private static void Apply<T>(ReadOnlySpan<T> values, Span<bool> keep, T mask)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            keep[i] = (values[i] & mask) != T.Zero;
        }
    }

    // The mask is built as bytes in file order and read the way the data is read (host order),
    // so it lines up with the stored bytes on any host.
    private static KeepRule Create(int itemSize, int signByte)
    {
        if (itemSize is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(itemSize), itemSize, "item size must be 1, 2, 4 or 8");
        }

        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        bytes[..itemSize].Fill(0xFF);
        if (signByte >= 0)
        {
            bytes[signByte] = 0x7F;
        }

        ulong mask = itemSize switch
        {
            1 => bytes[0],
            2 => MemoryMarshal.Read<ushort>(bytes),
            4 => MemoryMarshal.Read<uint>(bytes),
            _ => MemoryMarshal.Read<ulong>(bytes),
        };
        return new KeepRule(itemSize, mask);
    }
}
