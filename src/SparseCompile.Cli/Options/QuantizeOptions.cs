using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Cli.Options;

/// <summary>compile's INT8 options: --quantize, --calibration, --calibration-method, --percentile, --activations and --embedding-bits.</summary>
internal static class QuantizeOptions
{
    /// <summary>
    /// The mode compile uses without --quantize. <c>none</c> until the dynamic INT8 pass is wired into the default
    /// passes; then this one constant flips to <see cref="QuantizationMode.Dynamic"/>.
    /// </summary>
    public const QuantizationMode DefaultMode = QuantizationMode.Dynamic;

    /// <summary>--quantize none|dynamic|static.</summary>
    public static Option<QuantizationMode> Mode() => new("--quantize")
    {
        Description = "INT8 quantization: 'none' keeps float weights; 'dynamic' stores int8 weights and quantizes activations at run time; "
            + $"'static' also calibrates activation ranges on --calibration data. Default: {Name(DefaultMode)}.",
        HelpName = "none|dynamic|static",
        DefaultValueFactory = _ => DefaultMode,
        CustomParser = result => Parse(result, DefaultMode, ("none", QuantizationMode.None), ("dynamic", QuantizationMode.Dynamic), ("static", QuantizationMode.Static)),
    };

    /// <summary>--calibration &lt;dir&gt;.</summary>
    public static Option<string> Calibration() => new("--calibration")
    {
        Description = "Calibration data for --quantize static: a folder of test_data_set_N/input_K.pb sets or of .npz files (one sample each, keyed by input name).",
        HelpName = "dir",
    };

    /// <summary>--calibration-method minmax|percentile|entropy.</summary>
    public static Option<CalibrationMethod> Method() => new("--calibration-method")
    {
        Description = "How --quantize static turns observed activations into ranges: 'minmax' (smallest and largest value), "
            + "'percentile' (a percentile of |x|, see --percentile) or 'entropy' (the range minimising KL divergence). Default: minmax.",
        HelpName = "minmax|percentile|entropy",
        DefaultValueFactory = _ => CalibrationMethod.MinMax,
        CustomParser = result => Parse(result, CalibrationMethod.MinMax,
            ("minmax", CalibrationMethod.MinMax), ("percentile", CalibrationMethod.Percentile), ("entropy", CalibrationMethod.Entropy)),
    };

    /// <summary>--percentile p, in (0, 100].</summary>
    public static Option<double> Percentile() => new("--percentile")
    {
        Description = "The percentile of |x| for --calibration-method percentile, in (0, 100]. Default: 99.99.",
        HelpName = "p",
        DefaultValueFactory = _ => 99.99,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0 && value <= 100))
            {
                result.AddError($"--percentile must be a number in (0, 100], such as 99.99; got '{text}'.");
            }

            return value;
        },
    };

    /// <summary>--activations int8|uint8: int8 symmetric (TensorRT's form, the default) or uint8 asymmetric (often faster on ONNX Runtime's CPU kernels).</summary>
    /// <remarks>A string option: a bool option would take only true/false as its value and leave 'uint8' as a stray argument.</remarks>
    public static Option<string> Activations() => new("--activations")
    {
        Description = "Activation type for --quantize static: int8 (symmetric, zero point 0; what TensorRT requires) or uint8 "
            + "(asymmetric; on ONNX Runtime CPU it lets Relu fuse into QLinearConv and is usually faster). Default: int8.",
        HelpName = "int8|uint8",
        DefaultValueFactory = _ => Int8Activations,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (text is not (Int8Activations or "uint8"))
            {
                result.AddError($"--activations must be int8 or uint8; got '{text}'.");
            }

            return text;
        },
    };

    /// <summary>The --activations value for int8 symmetric activations.</summary>
    public const string Int8Activations = "int8";

    /// <summary>--embedding-bits 8|4: the precision of embedding tables (Gather data) under --quantize dynamic.</summary>
    public static Option<int> EmbeddingBits() => new("--embedding-bits")
    {
        Description = "Precision of embedding tables (the data of Gather) for --quantize dynamic: 8, or 4 (values in [-7, 7] per row, "
            + "still stored as int8, so the Brotli-compressed model (--compress) spends about 4 bits on each); MatMul weights keep 8 bits. Default: 8.",
        HelpName = "8|4",
        DefaultValueFactory = _ => 8,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (text is "8" or "4")
            {
                return text[0] - '0';
            }

            result.AddError($"--embedding-bits must be 8 or 4; got '{text}'.");
            return 8;
        },
    };

    /// <summary>How a mode is spelled on the command line and in JSON.</summary>
    public static string Name(QuantizationMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>How a calibration method is spelled on the command line and in JSON.</summary>
    public static string Name(CalibrationMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>Usage errors for calibration options given without --quantize static, and --embedding-bits 4 without --quantize dynamic.</summary>
    public static void Validate(CommandResult result, Option<QuantizationMode> mode, Option<string> calibration, Option<CalibrationMethod> method, Option<double> percentile,
        Option<int> embeddingBits)
    {
        if (OptionValues.Get(result, embeddingBits) == 4 && OptionValues.Get(result, mode) != QuantizationMode.Dynamic)
        {
            result.AddError($"{embeddingBits.Name} 4 is only used by --quantize dynamic.");
        }

        bool isStatic = OptionValues.Get(result, mode) == QuantizationMode.Static;
        foreach (var option in new Option[] { calibration, method, percentile })
        {
            if (!isStatic && result.GetResult(option) is { Implicit: false })
            {
                result.AddError($"{option.Name} is only used by --quantize static.");
            }
        }

        if (result.GetResult(percentile) is { Implicit: false } && OptionValues.Get(result, method) != CalibrationMethod.Percentile)
        {
            result.AddError("--percentile is only used by --calibration-method percentile.");
        }
    }

    private static T Parse<T>(ArgumentResult result, T fallback, params (string Name, T Value)[] choices)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        foreach (var (name, value) in choices)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"'{text}' is not one of {string.Join(", ", choices.Select(c => $"'{c.Name}'"))}.");
        return fallback;
    }
}
