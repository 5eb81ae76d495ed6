using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>Counts over bool spans, 32 at a time where the hardware has 256-bit vectors. Any nonzero byte counts as true.</summary>
internal static class MaskCounting
{
    /// <summary>How many elements are true.</summary>
    public static long CountTrue(ReadOnlySpan<bool> values)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        ref byte b = ref MemoryMarshal.GetReference(bytes);
        long count = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= bytes.Length - 32; i += 32)
            {
                uint zeros = Vector256.Equals(Vector256.LoadUnsafe(ref b, (nuint)i), Vector256<byte>.Zero).ExtractMostSignificantBits();
                count += BitOperations.PopCount(~zeros);
            }
        }

        for (; i < bytes.Length; i++)
        {
            count += bytes[i] != 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>How many positions hold different values; the spans have the same length.</summary>
    public static long CountDifferent(ReadOnlySpan<bool> left, ReadOnlySpan<bool> right)
    {
        var x = MemoryMarshal.AsBytes(left);
        var y = MemoryMarshal.AsBytes(right);
        ref byte bx = ref MemoryMarshal.GetReference(x);
        ref byte by = ref MemoryMarshal.GetReference(y);
        long count = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 32; i += 32)
            {
                var zx = Vector256.Equals(Vector256.LoadUnsafe(ref bx, (nuint)i), Vector256<byte>.Zero);
                var zy = Vector256.Equals(Vector256.LoadUnsafe(ref by, (nuint)i), Vector256<byte>.Zero);
                count += BitOperations.PopCount((zx ^ zy).ExtractMostSignificantBits());
            }
        }

        for (; i < x.Length; i++)
        {
            count += (x[i] != 0) != (y[i] != 0) ? 1 : 0;
        }

        return count;
    }
}
