using System.Globalization;
using System.Reflection;
using System.Text;

namespace SparseCompile.Build.Options;

/// <summary>
/// The per-item stamp file the compile target lists among its Inputs: the options and tool version as text. It is
/// rewritten (through a temporary file and a move) only when that text changes, so its timestamp moves exactly when
/// a recompile is due.
/// </summary>
internal static class OptionsStamp
{
    /// <summary>The stamp's file extension.</summary>
    public const string Extension = ".sparseoptions";

    /// <summary>
    /// The stamp text of <paramref name="request"/>: one <c>key=value</c> line per option, then one <c>input=</c> line per
    /// input file (path relative to <paramref name="projectDirectory"/>, length, last write UTC ticks), the tool version last.
    /// The input lines make deleting, renaming or adding a calibration or data file change the stamp, which a timestamp
    /// comparison of the remaining files alone would miss.
    /// </summary>
    public static string Text(ModelRequest request, string projectDirectory)
    {
        var options = request.Options;
        var quantization = options.Quantization;
        var gate = request.Gate;
        var text = new StringBuilder();
        void Line(string key, object? value) =>
            text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');

        Line("model", request.ModelPath);
        Line("mask", options.MaskPath);
        Line("sparsity", options.Sparsity?.ToString() ?? "none");
        Line("exclude", string.Join(";", options.Exclude));
        Line("compress", options.Compress);
        Line("quantization", quantization.Mode);
        Line("calibration", quantization.CalibrationPath);
        Line("calibrationMethod", quantization.Calibration);
        Line("percentile", quantization.Percentile);
        Line("symmetricActivations", quantization.SymmetricActivations);
        Line("embeddingBits", quantization.EmbeddingBits);
        Line("minCosine", gate.MinCosine);
        Line("maxDrop", gate.MaxDrop);
        Line("data", gate.Samples.DataPath);
        Line("samples", gate.Samples.MaxSamples);
        Line("labels", gate.LabelsPath);
        Line("fallback", gate.Fallback);
        foreach (string file in request.InputFiles)
        {
            var info = new FileInfo(file);
            string state = info.Exists ? string.Create(CultureInfo.InvariantCulture, $"{info.Length}|{info.LastWriteTimeUtc.Ticks}") : "missing";
            Line("input", $"{Path.GetRelativePath(projectDirectory, file).Replace('\\', '/')}|{state}");
        }

        Line("tool", ToolVersion);
        return text.ToString();
    }

    /// <summary>The informational version of the task assembly (and so of the compiler shipped with it).</summary>
    public static string ToolVersion { get; } =
        typeof(OptionsStamp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> unless it already holds exactly that; true when written.</summary>
    public static bool Write(string path, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return true;
    }
}
