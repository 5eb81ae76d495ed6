using SparseCompile.Compiler.Analysis;
using SparseCompile.Compiler.Passes;
using SparseCompile.Compiler.Pipeline;
using SparseCompile.Compiler.Quantization.Static;
using SparseCompile.Onnx.IO;

namespace SparseCompile.Compiler.Tests.Quantization.Static.Support;

/// <summary>Runs the static pass (optionally after N:M sparsify) on a model in memory.</summary>
internal static class StaticRun
{
    public static CompileOptions Options(string? calibration, bool symmetric = true, CalibrationMethod method = CalibrationMethod.MinMax,
        NMPattern? sparsity = null, IReadOnlyList<string>? exclude = null, IReadOnlySet<string>? keepFloat = null,
        QuantizationMode mode = QuantizationMode.Static, int? maxSamples = null, double percentile = 99.99) => new()
    {
        ModelPath = "model.onnx",
        OutputDirectory = "out",
        Sparsity = sparsity,
        Exclude = exclude ?? [],
        KeepFloat = keepFloat ?? new HashSet<string>(StringComparer.Ordinal),
        Quantization = new QuantizationOptions
        {
            Mode = mode,
            CalibrationPath = calibration,
            SymmetricActivations = symmetric,
            Calibration = method,
            MaxCalibrationSamples = maxSamples,
            Percentile = percentile,
        },
    };

    /// <summary>Quantizes <paramref name="model"/> in place; with a pattern the weights are first made N:M as a compile would.</summary>
    public static CompilationContext Quantize(OnnxModel model, CompileOptions options, StaticQuantizationPass? pass = null)
    {
        var context = new CompilationContext(model, options);
        if (options.Sparsity is not null)
        {
            new FindPrunableWeightsPass().Run(context);
            new SparsifyPass().Run(context);
        }

        (pass ?? new StaticQuantizationPass()).Run(context);
        return context;
    }
}
