using System.Runtime.CompilerServices;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// The path for any N:M: per group, gathers the M rank keys (0 for weights the mask prunes, otherwise
/// the <see cref="MagnitudeKey"/> + 1) into one scratch array that serves every group, ranks each key
/// against the other M - 1 (no sorting, no branches) and keeps the nonzero keys ranked below N.
/// Cost grows as M² per group, fine for the small M of sparse hardware (4, 8, 16).
/// </summary>
internal static class GenericGroupKernel
{
    /// <summary>Fills <paramref name="keep"/>; returns kept | candidates &lt;&lt; 32 (candidates 0 when unmasked).</summary>
    public static ulong Run<TMask>(ReadOnlySpan<float> weights, ReadOnlySpan<bool> mask, Span<bool> keep, int groupSize, int inner, int n)
        where TMask : struct, IMaskMode
    {
        var keys = new int[groupSize];
        ulong kept = 0;
        ulong candidates = 0;
        int block = groupSize * inner;
        for (int start = 0; start < weights.Length; start += block)
        {
            for (int i = 0; i < inner; i++)
            {
                int first = start + i;
                for (int j = 0, p = first; j < groupSize; j++, p += inner)
                {
                    int key = MagnitudeKey.Of(weights[p]) + 1;
                    if (TMask.IsMasked)
                    {
                        key &= MagnitudeKey.AllOnesIfSet(Unsafe.As<bool, byte>(ref Unsafe.AsRef(in mask[p])));
                        candidates += (uint)-key >> 31;
                    }

                    keys[j] = key;
                }

                kept += KeepTop(keys, keep, first, inner, n);
            }
        }

        return kept | (candidates << 32);
    }

    /// <summary>
    /// Keeps key j when it is nonzero and fewer than n keys beat it: a later key beats it when strictly
    /// greater, an earlier one when greater or equal (ties go to the lower index). Branch-free: keys lie in
    /// [0, 2^31), so x - y never overflows and its sign bit says y &gt; x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeepTop(int[] keys, Span<bool> keep, int first, int inner, int n)
    {
        ulong kept = 0;
        for (int j = 0, p = first; j < keys.Length; j++, p += inner)
        {
            int key = keys[j];
            int rank = 0;
            for (int k = 0; k < j; k++)
            {
                rank += 1 - ((keys[k] - key) >>> 31);
            }

            for (int k = j + 1; k < keys.Length; k++)
            {
                rank += (key - keys[k]) >>> 31;
            }

            int keepIt = ((rank - n) & -key) >>> 31;
            keep[p] = keepIt != 0;
            kept += (ulong)keepIt;
        }

        return kept;
    }
}
