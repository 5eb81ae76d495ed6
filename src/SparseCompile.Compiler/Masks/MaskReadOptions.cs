namespace SparseCompile.Compiler.Masks;

/// <summary>Limits that protect mask reading from hostile files.</summary>
public sealed class MaskReadOptions
{
    /// <summary>The default <see cref="MaxEntryBytes"/>: 4 GiB, a 1 G-element float32 mask.</summary>
    public const long DefaultMaxEntryBytes = 4L << 30;

    /// <summary>The options used when none are given.</summary>
    public static MaskReadOptions Default { get; } = new();

    /// <summary>
    /// The most uncompressed bytes one .npz entry may declare (SC1106 beyond it). Whatever an entry
    /// declares, no more than that is ever decompressed.
    /// </summary>
    public long MaxEntryBytes { get; init; } = DefaultMaxEntryBytes;
}
