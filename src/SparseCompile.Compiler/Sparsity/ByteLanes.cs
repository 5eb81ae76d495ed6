using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseCompile.Compiler.Sparsity;

/// <summary>Moves bools (one byte each, 0 or 1) in and out of 8-lane int vectors. Callers check <see cref="Avx2.IsSupported"/>.</summary>
internal static class ByteLanes
{
    /// <summary>Entry b holds 8 bytes, byte j being bit j of b: the bools of 8 lanes from a movemask.</summary>
    private static readonly ulong[] Expansion = BuildExpansion();

    /// <summary>Loads 8 bools at <paramref name="offset"/> as 8 int lanes: all ones where true, zero where false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load8(ref byte bools, nuint offset)
    {
        ulong packed = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bools, offset));
        var widened = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(packed).AsByte());
        return Vector256.GreaterThan(widened, Vector256<int>.Zero);
    }

    /// <summary>Stores the sign bits of 8 int lanes as 8 bools at <paramref name="offset"/>; returns how many are true.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Store8(Vector256<int> lanes, ref byte bools, nuint offset)
    {
        uint bits = lanes.ExtractMostSignificantBits();
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bools, offset), Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Expansion), bits));
        return BitOperations.PopCount(bits);
    }

    private static ulong[] BuildExpansion()
    {
        var table = new ulong[256];
        for (int b = 0; b < 256; b++)
        {
            ulong bytes = 0;
            for (int j = 0; j < 8; j++)
            {
                bytes |= (ulong)((b >> j) & 1) << (8 * j);
            }

            table[b] = bytes;
        }

        return table;
    }
}
