using System.Runtime.CompilerServices;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// Maps a float to an integer that orders by magnitude: the IEEE bits without the sign, so +0 and -0
/// tie, +∞ ranks above every finite value, and every NaN (whatever its payload) ranks above +∞.
/// Keys lie in [0, <see cref="NaN"/>], so they fit a non-negative int and compare as plain ints.
/// </summary>
internal static class MagnitudeKey
{
    /// <summary>The bits of |x| without the sign.</summary>
    public const int AbsMask = 0x7FFF_FFFF;

    /// <summary>The key of every NaN: one above the bits of +∞ (0x7F800000).</summary>
    public const int NaN = 0x7F80_0001;

    /// <summary>The key of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(float value) => Math.Min(BitConverter.SingleToInt32Bits(value) & AbsMask, NaN);

    /// <summary>All ones when the bool byte <paramref name="b"/> is nonzero, else 0; no branch (a random mask defeats prediction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AllOnesIfSet(byte b) => -(int)((uint)-b >> 31);
}
