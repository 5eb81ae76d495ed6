using SparseCompile.Compiler.Analysis;

namespace SparseCompile.Compiler.Tests.Sparsity;

/// <summary>A random weight for the property tests: shape, axis, pattern, values and an unstructured mask.</summary>
public sealed record SparsityCase(long[] Dims, int Axis, NMPattern Pattern, float[] Weights, bool[] Mask)
{
    public override string ToString() =>
        $"dims [{string.Join(", ", Dims)}] axis {Axis} pattern {Pattern} weights [{string.Join(", ", Weights.Take(64))}{(Weights.Length > 64 ? ", ..." : "")}] " +
        $"mask [{string.Join("", Mask.Take(64).Select(b => b ? '1' : '0'))}]";
}
