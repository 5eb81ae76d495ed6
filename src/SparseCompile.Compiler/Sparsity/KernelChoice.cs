namespace SparseCompile.Compiler.Sparsity;

/// <summary>Which kernel restructures; tests pin one to compare them.</summary>
internal enum KernelChoice
{
    /// <summary>The fastest that fits: the groups-of-4 kernel with AVX2 when M = 4, otherwise the generic one.</summary>
    Auto,

    /// <summary>The groups-of-4 kernel without vectors (M = 4 only).</summary>
    FourScalar,

    /// <summary>The generic kernel, any N:M.</summary>
    Generic,
}
