namespace SparseCompile.Compiler.Sparsity;

/// <summary>
/// Whether a kernel reads an unstructured keep-mask. Kernels take the mode as a struct type argument,
/// so the JIT compiles one specialised copy per mode and the test folds away.
/// </summary>
internal interface IMaskMode
{
    /// <summary>True when the kernel reads a keep-mask.</summary>
    static abstract bool IsMasked { get; }
}

/// <summary>No unstructured mask: every weight is a candidate.</summary>
internal readonly struct Unmasked : IMaskMode
{
    public static bool IsMasked => false;
}

/// <summary>An unstructured keep-mask: only the weights it keeps are candidates.</summary>
internal readonly struct Masked : IMaskMode
{
    public static bool IsMasked => true;
}
