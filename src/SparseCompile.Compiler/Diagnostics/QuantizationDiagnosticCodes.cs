namespace SparseCompile.Compiler.Diagnostics;

/// <summary>
/// Stable codes of the INT8 quantization passes: SC116x for input the quantizer cannot take, SC390x for
/// broken internal invariants (a bug in SparseCompile, never the user's fault). Both are thrown as
/// <see cref="SparseCompile.Onnx.Diagnostics.SparseCompileException"/> naming the model and the tensor or node.
/// Codes never change meaning once shipped.
/// </summary>
public static class QuantizationDiagnosticCodes
{
    /// <summary>The model imports a default-domain opset below 13 and has weights to quantize; upgrade the opset first.</summary>
    public const string OpsetTooOld = "SC1160";

    /// <summary>A weight chosen for quantization holds NaN or infinite values, which have no INT8 value and would poison its scale.</summary>
    public const string NonFiniteWeight = "SC1161";

    /// <summary>Internal: a weight that was N:M sparse in float has a group with more than N nonzero INT8 values.</summary>
    public const string SparsityLostAfterQuantization = "SC3900";

    /// <summary>Internal: a weight that was exactly zero in float is not zero in INT8 (with zero point 0 it must be).</summary>
    public const string ZeroNotPreserved = "SC3901";

    /// <summary>Internal: a computed scale is zero, negative, NaN or infinite.</summary>
    public const string InvalidScale = "SC3902";

    /// <summary>Internal: after rewriting, a node reads a value that nothing defines, or the graph is no longer in topological order.</summary>
    public const string GraphBrokenAfterQuantization = "SC3903";
}
