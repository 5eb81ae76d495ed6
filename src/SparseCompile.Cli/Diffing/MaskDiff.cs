using SparseCompile.Compiler.Masks;
using SparseCompile.Compiler.Sparsity;

namespace SparseCompile.Cli.Diffing;

/// <summary>Compares two mask files key by key.</summary>
internal static class MaskDiff
{
    /// <summary>
    /// Reads both files (any format <see cref="MaskFileReader"/> reads) and compares masks of the same key. Two .npy
    /// files hold one unnamed array each (their keys are just the file names), so those two arrays are compared
    /// whatever the files are called, under the first file's key.
    /// </summary>
    /// <exception cref="Onnx.Diagnostics.SparseCompileException">
    /// A file cannot be read (SC11xx, SC10xx), a key is in one file only (SC1130), or a key's shapes differ (SC1131).
    /// </exception>
    public static DiffReport Compare(string a, string b)
    {
        var left = MaskFileReader.Read(a);
        var right = MaskFileReader.Read(b);
        if (IsNpy(a) && IsNpy(b))
        {
            right = new MaskSet(b, right.Select(m => new MaskTensor(left.Keys[0], m.ShapeArray(), m.Keep)));
        }

        TensorMatching.RequireSame(Shapes(left), a, Shapes(right), b, "mask");
        var tensors = left
            .Select(mask =>
            {
                var other = right[mask.Key];
                return new TensorDiff(mask.Key, mask.Shape, mask.ElementCount,
                    MaskDistance.CountDifferent(mask.Keep, other.Keep), mask.CountKept(), other.CountKept());
            })
            .ToArray();
        return new DiffReport(a, b, tensors);
    }

    private static bool IsNpy(string path) => string.Equals(Path.GetExtension(path), ".npy", StringComparison.OrdinalIgnoreCase);

    private static (string, IReadOnlyList<long>)[] Shapes(MaskSet masks) => masks.Select(m => (m.Key, m.Shape)).ToArray();
}
