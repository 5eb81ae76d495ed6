using SparseCompile.Compiler.Masks.Decoding;

namespace SparseCompile.Compiler.Masks.SafeTensors;

/// <summary>One tensor of a safetensors header, checked against the data it points to.</summary>
/// <param name="Key">The tensor name.</param>
/// <param name="Rule">How its dtype decides keep or drop.</param>
/// <param name="Shape">The dims, outermost first.</param>
/// <param name="ElementCount">The product of the dims.</param>
/// <param name="Begin">The first byte, relative to the end of the header.</param>
/// <param name="End">One past the last byte, relative to the end of the header.</param>
internal sealed record SafeTensorsEntry(string Key, KeepRule Rule, long[] Shape, int ElementCount, long Begin, long End);
