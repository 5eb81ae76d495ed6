namespace SparseCompile.Compiler.Diagnostics;

/// <summary>
/// Stable codes of the compiler: SC112x for masks that do not fit the model and for bad options, SC2xxx for warnings
/// (the compile goes on). docs/diagnostics.md is the catalogue.
/// </summary>
public static class CompileDiagnosticCodes
{
    /// <summary>A mask key matches no prunable weight of the model.</summary>
    public const string MaskKeyUnmatched = "SC1120";

    /// <summary>A mask key matches more than one prunable weight.</summary>
    public const string MaskKeyAmbiguous = "SC1121";

    /// <summary>A mask's shape fits neither the weight nor its transpose.</summary>
    public const string MaskShapeMismatch = "SC1122";

    /// <summary>Two mask keys resolve to the same weight.</summary>
    public const string MaskKeyCollision = "SC1123";

    /// <summary>An option value is invalid (a bad N:M pattern, a density outside 0..1).</summary>
    public const string InvalidOption = "SC1125";

    /// <summary>Warning: the weight's reduction length is not a multiple of M, so it stays dense.</summary>
    public const string ReductionNotMultipleOfM = "SC2001";

    /// <summary>Warning: the weight is read by something other than a weight slot, or with conflicting axes, so it stays dense.</summary>
    public const string WeightSharedOrConflicting = "SC2002";

    /// <summary>Warning: the weight is also a graph input that a caller could override, so it stays dense.</summary>
    public const string WeightIsOverridableInput = "SC2003";

    /// <summary>Warning: the weight's element type is not a float type the sparsifier handles, so it stays dense.</summary>
    public const string UnsupportedWeightType = "SC2004";

    /// <summary>Warning: an --exclude pattern matched nothing.</summary>
    public const string ExcludeMatchedNothing = "SC2005";

    /// <summary>Warning: the model keeps its weights in external data (over 2 GB), so it is not compressed into one .onnx.br file.</summary>
    public const string NotCompressedExternalData = "SC2007";

    /// <summary>Warning: the weight holds NaN or infinite values.</summary>
    public const string NonFiniteWeights = "SC2006";

    /// <summary>Warning: quantization leaves a weight holding NaN or infinite values in float (INT8 cannot hold them; never a NaN scale).</summary>
    public const string NonFiniteWeightKeptFloat = "SC2008";

    /// <summary>Warning: static calibration saw NaN or infinite values in an activation, so that tensor is not quantized.</summary>
    public const string NonFiniteActivation = "SC2009";
}
