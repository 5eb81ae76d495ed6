using SparseCompile.Compiler.Calibration;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Compiler.Quantization.Common;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Quantization.Static;

/// <summary>The scale and zero point of one quantized activation.</summary>
/// <param name="Scale">The step between neighbouring quantized values; positive and finite.</param>
/// <param name="ZeroPoint">The quantized value of 0: 0 for INT8 symmetric, in [0, 255] for UINT8 asymmetric.</param>
/// <param name="Signed">True for INT8, false for UINT8.</param>
internal readonly record struct ActivationParameters(float Scale, int ZeroPoint, bool Signed)
{
    /// <summary>
    /// The parameters for a calibrated range: INT8 symmetric, scale = threshold / 127 and zero point 0; or UINT8
    /// asymmetric over the clipped range with 0 kept exact, scale = (max − min) / 255 and zero point round(−min / scale).
    /// A range of width 0 (a tensor that was always 0) gets scale 1.
    /// </summary>
    /// <exception cref="SparseCompileException">SC3910 when the result is not a valid scale or zero point.</exception>
    public static ActivationParameters From(CalibratedRange range, bool symmetric, string? filePath)
    {
        ArgumentNullException.ThrowIfNull(range);
        ActivationParameters result;
        if (symmetric)
        {
            result = new ActivationParameters(SymmetricInt8.Scale(range.Threshold), 0, true);
        }
        else
        {
            var (min, max) = range.Asymmetric;
            float scale = (float)(((double)max - min) / 255);
            scale = scale > 0 ? scale : 1f;
            int zeroPoint = (int)Math.Clamp(Math.Round(-min / (double)scale, MidpointRounding.ToEven), 0, 255);
            result = new ActivationParameters(scale, zeroPoint, false);
        }

        if (!(result.Scale > 0) || float.IsInfinity(result.Scale) || result.ZeroPoint < (result.Signed ? -128 : 0) || result.ZeroPoint > (result.Signed ? 127 : 255))
        {
            throw new SparseCompileException(StaticQuantizationDiagnosticCodes.InvalidActivationParameters, filePath,
                $"internal error: activation '{range.Name}' got the scale {result.Scale} and zero point {result.ZeroPoint}", range.Name);
        }

        return result;
    }

    /// <summary>The float range the parameters represent: [scale·(qmin − zp), scale·(qmax − zp)].</summary>
    public (float Min, float Max) Represented => Signed
        ? (Scale * (-128 - ZeroPoint), Scale * (127 - ZeroPoint))
        : (Scale * (0 - ZeroPoint), Scale * (255 - ZeroPoint));
}
