namespace SparseCompile.Compiler.Diagnostics;

/// <summary>
/// Stable codes of calibration and static INT8 quantization: SC118x for options and data the pass cannot work with,
/// SC391x for broken internal invariants (a bug in SparseCompile, never the user's fault). Both are thrown as
/// <see cref="SparseCompile.Onnx.Diagnostics.SparseCompileException"/> naming the model, the data or the tensor.
/// The pass shares the codes of <see cref="QuantizationDiagnosticCodes"/> where the meaning is the same (SC1160 opset
/// too old, SC1161 NaN/infinite weights, SC3900/SC3901 sparsity lost). Codes never change meaning once shipped.
/// </summary>
public static class StaticQuantizationDiagnosticCodes
{
    /// <summary>Static quantization was asked for without calibration data (no calibration path).</summary>
    public const string CalibrationDataMissing = "SC1180";

    /// <summary>A calibration option is out of range: a percentile outside (0, 100], or a sample limit below 1.</summary>
    public const string InvalidCalibrationOption = "SC1181";

    /// <summary>ONNX Runtime could not load the model with its intermediate tensors exposed, or could not run it on a calibration sample.</summary>
    public const string CalibrationRunFailed = "SC1182";

    /// <summary>The calibration data holds no samples once the sample limit is applied.</summary>
    public const string NoCalibrationSamples = "SC1183";

    /// <summary>Internal: a computed activation scale or zero point is zero, negative, NaN, infinite or out of its type's range.</summary>
    public const string InvalidActivationParameters = "SC3910";

    /// <summary>Internal: after the rewrite, a quantized node does not read every activation and weight through DequantizeLinear, or a DequantizeLinear reads the wrong tensor.</summary>
    public const string QdqFormBroken = "SC3911";

    /// <summary>Internal: a quantized bias does not reproduce the float bias within half a step of its int32 scale.</summary>
    public const string BiasMismatch = "SC3912";
}
