using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Masks.Decoding;

/// <summary>Element counts of declared shapes, checked before anything is allocated for them.</summary>
internal static class MaskShape
{
    /// <summary>The product of <paramref name="shape"/>; SC1111 when it overflows a long.</summary>
    public static long ElementCount(long[] shape, string? filePath, string key)
    {
        if (Array.IndexOf(shape, 0L) >= 0)
        {
            return 0;
        }

        long count = 1;
        foreach (long dim in shape)
        {
            if (dim > long.MaxValue / count)
            {
                throw new SparseCompileException(MaskDiagnosticCodes.MaskTooLarge, filePath,
                    $"mask '{key}' has shape {Format(shape)}, whose element count overflows", key);
            }

            count *= dim;
        }

        return count;
    }

    /// <summary>The byte size of <paramref name="count"/> elements of <paramref name="itemSize"/> bytes; SC1111 on overflow.</summary>
    public static long ByteCount(long count, int itemSize, string? filePath, string key) =>
        count <= long.MaxValue / itemSize
            ? count * itemSize
            : throw new SparseCompileException(MaskDiagnosticCodes.MaskTooLarge, filePath,
                $"mask '{key}' declares {count} elements of {itemSize} bytes, which overflows", key);

    /// <summary><paramref name="count"/> as an array length; SC1111 when one bool array cannot hold it.</summary>
    public static int ArrayLength(long count, string? filePath, string key) =>
        count <= Array.MaxLength
            ? (int)count
            : throw new SparseCompileException(MaskDiagnosticCodes.MaskTooLarge, filePath,
                $"mask '{key}' has {count} elements; one mask holds at most {Array.MaxLength}", key);

    /// <summary>The shape as numpy prints it: (3, 4), (5,) or ().</summary>
    public static string Format(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape) + ")",
    };
}
