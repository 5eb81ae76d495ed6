using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>Zeroes the weights a keep-mask drops (to +0; NaNs it drops become +0 too) and leaves kept weights bit for bit.</summary>
public static class MaskApplier
{
    /// <summary>Zeroes, in place, every weight whose <paramref name="keep"/> entry is false.</summary>
    /// <exception cref="ArgumentException">The mask and the weights differ in length.</exception>
    public static void Apply(Span<float> weights, ReadOnlySpan<bool> keep) => Apply(weights, keep, weights);

    /// <summary>
    /// Writes <paramref name="weights"/> into <paramref name="destination"/> with every weight whose
    /// <paramref name="keep"/> entry is false replaced by zero. The destination may be the very span of
    /// the weights (in place) but must not overlap it otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or the destination partly overlaps the weights.</exception>
    public static void Apply(ReadOnlySpan<float> weights, ReadOnlySpan<bool> keep, Span<float> destination)
    {
        if (keep.Length != weights.Length || destination.Length != weights.Length)
        {
            throw new ArgumentException(
                $"the weights ({weights.Length}), the mask ({keep.Length}) and the destination ({destination.Length}) differ in length", nameof(keep));
        }

        if (weights.Overlaps(destination, out int offset) && offset != 0)
        {
            throw new ArgumentException("the destination overlaps the weights without being the same span", nameof(destination));
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref byte k = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(keep));
        ref float d = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)weights.Length;
        nuint i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 8 <= length; i += 8)
            {
                var kept = Vector256.LoadUnsafe(ref w, i) & ByteLanes.Load8(ref k, i).AsSingle();
                kept.StoreUnsafe(ref d, i);
            }
        }

        for (; i < length; i++)
        {
            int bits = BitConverter.SingleToInt32Bits(Unsafe.Add(ref w, i)) & MagnitudeKey.AllOnesIfSet(Unsafe.Add(ref k, i));
            Unsafe.Add(ref d, i) = BitConverter.Int32BitsToSingle(bits);
        }
    }
}
