namespace SparseCompile;

/// <summary>
/// The layout of the integrity record that <c>sparsec compile --compress</c> writes first in a compressed model and the
/// runtime checks: a Brotli stream header and metadata meta-block header (RFC 7932 §9.2), then "SCZ1", the model's length
/// and its SHA-256. The one definition of the layout: this file is compiled into the runtime and linked into the compiler
/// (which does not reference the runtime). Byte by byte: docs/compressed-models.md.
/// </summary>
internal static class BrotliIntegrityLayout
{
    /// <summary>The four bits of a stream header that declare a 16 MiB window (WBITS = 24): 1 then 7 in three bits.</summary>
    public const int Window24Header = 0b1111;

    /// <summary>Where the magic starts, after the three header bytes.</summary>
    public const int MagicOffset = 3;

    /// <summary>Where the model length (int64, little-endian) starts.</summary>
    public const int LengthOffset = MagicOffset + 4;

    /// <summary>Bytes of the model length.</summary>
    public const int LengthSize = sizeof(long);

    /// <summary>Where the model's SHA-256 starts.</summary>
    public const int ShaOffset = LengthOffset + LengthSize;

    /// <summary>Bytes of the SHA-256.</summary>
    public const int ShaLength = 32;

    /// <summary>Bytes of the whole record; the encoder's meta-blocks follow it.</summary>
    public const int RecordLength = ShaOffset + ShaLength;

    /// <summary>Bytes of metadata (the meta-block's MSKIPLEN): magic, length and SHA-256.</summary>
    public const int MetadataLength = RecordLength - MagicOffset;

    /// <summary>
    /// Byte 0: WBITS (4 bits), ISLAST = 0, MNIBBLES = "11" (metadata), reserved 0. Byte 1: MSKIPBYTES = 1 (2 bits), then the
    /// 8 bits of MSKIPLEN - 1, which end in byte 2 followed by zero fill bits up to the byte boundary.
    /// </summary>
    private const byte Header0 = Window24Header | (0b11 << 5);
    private const byte Header1 = 0b01 | (((MetadataLength - 1) & 0x3F) << 2);
    private const byte Header2 = (MetadataLength - 1) >> 6;

    /// <summary>The three header bytes (<c>6F AD 00</c>): stream header and metadata meta-block header.</summary>
    public static ReadOnlySpan<byte> Header => [Header0, Header1, Header2];

    /// <summary>The magic and version the metadata starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "SCZ1"u8;
}
