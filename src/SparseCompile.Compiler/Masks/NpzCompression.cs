namespace SparseCompile.Compiler.Masks;

/// <summary>How <see cref="NpzWriter"/> stores each entry.</summary>
public enum NpzCompression
{
    /// <summary>Uncompressed, as <c>numpy.savez</c> writes.</summary>
    Stored,

    /// <summary>Deflated, as <c>numpy.savez_compressed</c> writes.</summary>
    Deflated,
}
