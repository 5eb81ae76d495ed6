using System.Globalization;
using SparseCompile.Compiler.Diagnostics;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Evaluation;

/// <summary>A labels file: one integer class label a line, in sample order (a row each for batched samples); blank lines are skipped.</summary>
public static class LabelsFile
{
    /// <summary>The labels in <paramref name="path"/>.</summary>
    /// <exception cref="SparseCompileException">SC1170 when the file is missing, SC1171 when it cannot be read, SC1178 for a line that is not an integer.</exception>
    public static long[] Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.DataNotFound, path, "the labels file does not exist");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SparseCompileException(EvaluationDiagnosticCodes.SampleReadFailed, path, $"the labels file could not be read: {e.Message}", inner: e);
        }

        var labels = new List<long>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            labels.Add(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long label) && label >= 0
                ? label
                : throw new SparseCompileException(EvaluationDiagnosticCodes.InvalidLabels, path,
                    $"line {i + 1} is '{Shorten(text)}', not a non-negative integer class label"));
        }

        return labels.ToArray();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
