using SparseCompile.Compiler.Masks.Decoding;

namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>What an .npy header declares, checked.</summary>
/// <param name="Descr">The dtype as written, for example <c>&lt;f4</c>.</param>
/// <param name="Rule">How the dtype's elements decide keep or drop.</param>
/// <param name="FortranOrder">True when the data is stored first axis fastest.</param>
/// <param name="Shape">The dims, outermost first.</param>
/// <param name="DataOffset">Bytes from the start of the array to its data (magic, version, length and header).</param>
internal sealed record NpyHeader(string Descr, KeepRule Rule, bool FortranOrder, long[] Shape, long DataOffset);
