using System.Globalization;
using SparseCompile.Compiler.Output;
using SparseCompile.Compiler.Pipeline;

namespace SparseCompile.Build.Logging;

/// <summary>The one line a compile reports: "SparseCompile: x.onnx → 2:4 + dynamic INT8, 90.9 MB → 22.8 MB (Brotli 18.4 MB)".</summary>
internal static class SizeReport
{
    /// <summary>The line for <paramref name="result"/> of compiling <paramref name="model"/> (as the item names it).</summary>
    public static string Line(string model, CompileOptions options, CompileResult result)
    {
        var summary = result.Summary;
        string sparsity = options.Sparsity?.ToString() ?? (options.MaskPath is null ? "dense" : "unstructured");
        string quantization = options.Quantization.Mode == QuantizationMode.None ? "float" : $"{options.Quantization.Mode.ToString().ToLowerInvariant()} INT8";
        string compressed = summary.CompressedModelBytes is long brotli ? $" (Brotli {Size(brotli)})" : string.Empty;
        return $"SparseCompile: {model} → {sparsity} + {quantization}, {Size(summary.InputModelBytes)} → {Size(summary.OutputModelBytes)}{compressed}";
    }

    /// <summary>Bytes in decimal units with one decimal: 512 B, 3.4 kB, 90.9 MB, 1.2 GB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} B",
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.0} GB"),
    };
}
