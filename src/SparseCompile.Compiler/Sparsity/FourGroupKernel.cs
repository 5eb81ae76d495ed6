using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// The fast path for groups of 4 (2:4, and 1:4 and 3:4): keeps the elements whose rank in their group is
/// below N, ranking by <see cref="MagnitudeKey"/> with the lower index winning ties. Each element is
/// ranked with the 6 pairwise comparisons of its group, no sorting and no branches.
/// </summary>
/// <remarks>
/// The tensor is a run of blocks of 4 rows × <c>inner</c> contiguous elements (row j of a block is element
/// j of the groups of that block). With <c>inner</c> ≥ 8 the kernel walks the 4 rows side by side, 8 groups
/// per AVX2 step; with <c>inner</c> = 1 (groups contiguous) it loads 8 groups as 4 vectors and transposes
/// them in registers; everything else, and the tails, go one group at a time through the scalar code.
/// Counts come back packed: kept weights in the low 32 bits, candidates (mask-kept weights) in the high 32
/// bits; a span holds fewer than 2^31 elements, so neither overflows.
/// </remarks>
internal static class FourGroupKernel
{
    /// <summary>Fills <paramref name="keep"/>; returns kept | candidates &lt;&lt; 32 (candidates 0 when unmasked).</summary>
    public static ulong Run<TMask>(ReadOnlySpan<float> weights, ReadOnlySpan<bool> mask, Span<bool> keep, int inner, int n, bool allowSimd)
        where TMask : struct, IMaskMode
    {
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref byte m = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(mask));
        ref byte k = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(keep));
        nuint total = (nuint)weights.Length;
        bool simd = allowSimd && Avx2.IsSupported;
        return inner == 1
            ? Contiguous<TMask>(ref w, ref m, ref k, total, n, simd)
            : Rows<TMask>(ref w, ref m, ref k, total, (nuint)inner, n, simd);
    }

    private static ulong Rows<TMask>(ref float w, ref byte m, ref byte k, nuint total, nuint inner, int n, bool simd)
        where TMask : struct, IMaskMode
    {
        ulong counts = 0;
        nuint block = 4 * inner;
        nuint vectorEnd = simd && inner >= 8 ? inner - 7 : 0;
        var negN = Vector256.Create(-n);
        for (nuint start = 0; start < total; start += block)
        {
            nuint i = 0;
            for (; i < vectorEnd; i += 8)
            {
                counts += Vector8<TMask>(ref w, ref m, ref k, start + i, inner, negN);
            }

            for (; i < inner; i++)
            {
                counts += Scalar<TMask>(ref w, ref m, ref k, start + i, inner, n);
            }
        }

        return counts;
    }

    private static ulong Contiguous<TMask>(ref float w, ref byte m, ref byte k, nuint total, int n, bool simd)
        where TMask : struct, IMaskMode
    {
        ulong counts = 0;
        nuint p = 0;
        if (simd)
        {
            var negN = Vector256.Create(-n);
            for (; p + 32 <= total; p += 32)
            {
                counts += Transposed8<TMask>(ref w, ref m, ref k, p, negN);
            }
        }

        for (; p < total; p += 4)
        {
            counts += Scalar<TMask>(ref w, ref m, ref k, p, 1, n);
        }

        return counts;
    }

    /// <summary>8 groups whose element j lies at <c>p + j·stride + lane</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Vector8<TMask>(ref float w, ref byte m, ref byte k, nuint p, nuint stride, Vector256<int> negN)
        where TMask : struct, IMaskMode
    {
        var a = Keys<TMask>(ref w, ref m, p);
        var b = Keys<TMask>(ref w, ref m, p + stride);
        var c = Keys<TMask>(ref w, ref m, p + (2 * stride));
        var d = Keys<TMask>(ref w, ref m, p + (3 * stride));
        ulong candidates = TMask.IsMasked ? Candidates(a, b, c, d) : 0;
        Rank(ref a, ref b, ref c, ref d, negN);
        ulong kept = (ulong)(ByteLanes.Store8(a, ref k, p)
            + ByteLanes.Store8(b, ref k, p + stride)
            + ByteLanes.Store8(c, ref k, p + (2 * stride))
            + ByteLanes.Store8(d, ref k, p + (3 * stride)));
        return kept | (candidates << 32);
    }

    /// <summary>8 contiguous groups of 4 starting at <paramref name="p"/>: transpose, rank, transpose back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Transposed8<TMask>(ref float w, ref byte m, ref byte k, nuint p, Vector256<int> negN)
        where TMask : struct, IMaskMode
    {
        var a = Keys<TMask>(ref w, ref m, p);
        var b = Keys<TMask>(ref w, ref m, p + 8);
        var c = Keys<TMask>(ref w, ref m, p + 16);
        var d = Keys<TMask>(ref w, ref m, p + 24);
        ulong candidates = TMask.IsMasked ? Candidates(a, b, c, d) : 0;
        Transpose(ref a, ref b, ref c, ref d);
        Rank(ref a, ref b, ref c, ref d, negN);
        Transpose(ref a, ref b, ref c, ref d);
        ulong kept = (ulong)(ByteLanes.Store8(a, ref k, p)
            + ByteLanes.Store8(b, ref k, p + 8)
            + ByteLanes.Store8(c, ref k, p + 16)
            + ByteLanes.Store8(d, ref k, p + 24));
        return kept | (candidates << 32);
    }

    /// <summary>Rank keys of 8 lanes: 0 for weights the mask prunes, otherwise the magnitude key + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Keys<TMask>(ref float w, ref byte m, nuint p)
        where TMask : struct, IMaskMode
    {
        var bits = Vector256.LoadUnsafe(ref w, p).AsInt32() & Vector256.Create(MagnitudeKey.AbsMask);
        var keys = Avx2.Min(bits, Vector256.Create(MagnitudeKey.NaN)) + Vector256<int>.One;
        return TMask.IsMasked ? keys & ByteLanes.Load8(ref m, p) : keys;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Candidates(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d)
    {
        var zero = Vector256<int>.Zero;
        return (ulong)(BitOperations.PopCount(Vector256.GreaterThan(a, zero).ExtractMostSignificantBits())
            + BitOperations.PopCount(Vector256.GreaterThan(b, zero).ExtractMostSignificantBits())
            + BitOperations.PopCount(Vector256.GreaterThan(c, zero).ExtractMostSignificantBits())
            + BitOperations.PopCount(Vector256.GreaterThan(d, zero).ExtractMostSignificantBits()));
    }

    /// <summary>
    /// Replaces the keys of elements 0..3 of 8 groups with their keep lanes (all ones = keep). A later
    /// element beats an earlier one only with a strictly greater key; the sum of the all-ones compare
    /// results is minus the element's rank, and the element is kept when rank &lt; N and its key is nonzero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rank(ref Vector256<int> a, ref Vector256<int> b, ref Vector256<int> c, ref Vector256<int> d, Vector256<int> negN)
    {
        var ab = Vector256.GreaterThan(b, a);
        var ac = Vector256.GreaterThan(c, a);
        var ad = Vector256.GreaterThan(d, a);
        var bc = Vector256.GreaterThan(c, b);
        var bd = Vector256.GreaterThan(d, b);
        var cd = Vector256.GreaterThan(d, c);
        var zero = Vector256<int>.Zero;
        var keepA = Vector256.GreaterThan(ab + ac + ad, negN) & Vector256.GreaterThan(a, zero);
        var keepB = Vector256.GreaterThan(~ab + bc + bd, negN) & Vector256.GreaterThan(b, zero);
        var keepC = Vector256.GreaterThan(~ac + ~bc + cd, negN) & Vector256.GreaterThan(c, zero);
        var keepD = Vector256.GreaterThan(~ad + ~bd + ~cd, negN) & Vector256.GreaterThan(d, zero);
        a = keepA;
        b = keepB;
        c = keepC;
        d = keepD;
    }

    /// <summary>
    /// Transposes the 4×4 int blocks of each 128-bit half: 4 vectors of 2 contiguous groups each become
    /// element 0, 1, 2, 3 of those 8 groups; applied again it restores the memory order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<int> v0, ref Vector256<int> v1, ref Vector256<int> v2, ref Vector256<int> v3)
    {
        var t0 = Avx2.UnpackLow(v0, v1).AsInt64();
        var t1 = Avx2.UnpackHigh(v0, v1).AsInt64();
        var t2 = Avx2.UnpackLow(v2, v3).AsInt64();
        var t3 = Avx2.UnpackHigh(v2, v3).AsInt64();
        v0 = Avx2.UnpackLow(t0, t2).AsInt32();
        v1 = Avx2.UnpackHigh(t0, t2).AsInt32();
        v2 = Avx2.UnpackLow(t1, t3).AsInt32();
        v3 = Avx2.UnpackHigh(t1, t3).AsInt32();
    }

    /// <summary>One group whose element j lies at <c>p + j·stride</c>, ranked with integer arithmetic only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Scalar<TMask>(ref float w, ref byte m, ref byte k, nuint p, nuint stride, int n)
        where TMask : struct, IMaskMode
    {
        nuint p1 = p + stride;
        nuint p2 = p1 + stride;
        nuint p3 = p2 + stride;
        int a = Key<TMask>(ref w, ref m, p);
        int b = Key<TMask>(ref w, ref m, p1);
        int c = Key<TMask>(ref w, ref m, p2);
        int d = Key<TMask>(ref w, ref m, p3);

        // Keys are in [0, 2^31), so x - y never overflows and its sign bit says y > x (y beats x).
        int ab = (a - b) >>> 31;
        int ac = (a - c) >>> 31;
        int ad = (a - d) >>> 31;
        int bc = (b - c) >>> 31;
        int bd = (b - d) >>> 31;
        int cd = (c - d) >>> 31;

        // Kept when rank - n < 0 and -key < 0: both sign bits set.
        int keepA = ((ab + ac + ad - n) & -a) >>> 31;
        int keepB = ((1 - ab + bc + bd - n) & -b) >>> 31;
        int keepC = ((2 - ac - bc + cd - n) & -c) >>> 31;
        int keepD = ((3 - ad - bd - cd - n) & -d) >>> 31;
        Unsafe.Add(ref k, p) = (byte)keepA;
        Unsafe.Add(ref k, p1) = (byte)keepB;
        Unsafe.Add(ref k, p2) = (byte)keepC;
        Unsafe.Add(ref k, p3) = (byte)keepD;
        ulong kept = (ulong)(keepA + keepB + keepC + keepD);
        ulong candidates = TMask.IsMasked ? (ulong)(((-a) >>> 31) + ((-b) >>> 31) + ((-c) >>> 31) + ((-d) >>> 31)) : 0;
        return kept | (candidates << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Key<TMask>(ref float w, ref byte m, nuint p)
        where TMask : struct, IMaskMode
    {
        int key = MagnitudeKey.Of(Unsafe.Add(ref w, p)) + 1;
        return TMask.IsMasked ? key & MagnitudeKey.AllOnesIfSet(Unsafe.Add(ref m, p)) : key;
    }
}
